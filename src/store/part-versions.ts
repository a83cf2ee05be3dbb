/**
 * Each store part's schema version, kept in the table `store_parts` (one row per part): at open, every
 * migration of a part above its version runs in its own transaction together with the new version, so a
 * crash mid-way leaves the part at its last complete version. A file written before parts had versions
 * of their own (one `PRAGMA user_version` for the whole file) gives each part the version its
 * `legacyVersion` reads from that number.
 */
import type { Database } from 'better-sqlite3';
import type { StorePart } from './part.ts';
import { migrationSql } from './sql.ts';

/** A part of the file is at a version this build does not know: the file was written by a newer dlkb. */
export class NewerPartError extends Error {
  override readonly name = 'NewerPartError';
  constructor(
    /** The part's name. */
    readonly part: string,
    /** Its version in the file. */
    readonly version: number,
    /** The latest version this build knows. */
    readonly known: number,
  ) {
    super(`part ${part} is at version ${version}; this build knows up to ${known}`);
  }
}

/** The versions recorded in `store_parts`, by part name (empty for a file without that table). */
export function partVersions(db: Database): Map<string, number> {
  const table = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'store_parts'")
    .get();
  if (!table) return new Map();
  const rows = db
    .prepare<[], { name: string; version: number }>('SELECT name, version FROM store_parts')
    .all();
  return new Map(rows.map((r) => [r.name, r.version]));
}

/** The version a part is at in this file: its row, else what the file's legacy `user_version` implies. */
function startVersion(part: StorePart, recorded: Map<string, number>, userVersion: number): number {
  return recorded.get(part.name) ?? part.legacyVersion?.(userVersion) ?? 0;
}

/**
 * Brings every part to its latest version. `userVersion` is the file's `PRAGMA user_version`, read by a
 * part that has no row yet (a file from before parts had versions).
 * @throws NewerPartError (before migrating anything) when a part is newer than this build knows
 */
export function migrateParts(db: Database, parts: readonly StorePart[], userVersion: number): void {
  const recorded = partVersions(db);
  const starts = parts.map((part) => startVersion(part, recorded, userVersion));
  parts.forEach((part, i) => {
    const from = starts[i] ?? 0;
    if (from > part.migrations.length) throw new NewerPartError(part.name, from, part.migrations.length);
  });
  db.exec('CREATE TABLE IF NOT EXISTS store_parts (name TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const record = db.prepare<[string, number]>(
    'INSERT INTO store_parts (name, version) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version',
  );
  parts.forEach((part, i) => {
    const from = starts[i] ?? 0;
    if (!recorded.has(part.name)) record.run(part.name, from);
    part.migrations.slice(from).forEach((sql, j) => {
      db.transaction(() => {
        db.exec(migrationSql(sql, 'sqlite'));
        record.run(part.name, from + j + 1);
      })();
    });
  });
}
