/**
 * The SQLite store: one file `dlkb.sqlite` in the data folder (created on first use), WAL journal, every
 * part migrated at open (`part-versions.ts`). The connection holds an exclusive lock, so a second dlkb
 * process on the same folder fails at start instead of posting the daily question twice.
 */

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type AssembledStore, assemble } from './assemble.ts';
import { idleCheckpoints } from './checkpoint.ts';
import { Exclusive } from './exclusive.ts';
import { openFailureMessage } from './open-failure.ts';
import type { ChatRows, StorePart } from './part.ts';
import { migrateParts, NewerPartError } from './part-versions.ts';
import { sqliteSql } from './sqlite-sql.ts';
import { StoreError } from './store.ts';
import { fileWriteGuard, type WriteGuard } from './write-guard.ts';

/** The file name of the database inside the data folder. */
export const DATABASE_FILE = 'dlkb.sqlite';

/**
 * The last `user_version` of the single-version schema, before parts had versions of their own. Files
 * are kept at it, so a part without a row in `store_parts` reads its legacy version from it, and a
 * file marked higher was written by a newer dlkb.
 */
export const LEGACY_SCHEMA_VERSION = 3;

/** The store over one SQLite file: the parts' stores, and what only a file can do. */
export type SqliteStore<Parts extends readonly StorePart[] = readonly StorePart[]> = AssembledStore<Parts> & {
  /** The database file. */
  readonly file: string;
  /**
   * Copies the database to `destination` while it is in use (SQLite's online backup API): the only way,
   * since the exclusive lock keeps other processes (the `sqlite3` shell too) out while dlkb runs.
   */
  backup(destination: string): Promise<void>;
};

/** Creates the data folder. @throws StoreError saying what to do */
function makeDataDir(dataDir: string): string {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const what = code === 'EEXIST' || code === 'ENOTDIR' ? 'it is a file, not a folder' : code;
    throw new StoreError(
      `Cannot create the data folder ${dir} (${what}). ` +
        'Create it yourself, or set DLKB_DATA_DIR to a folder dlkb may write.',
      dir,
      { cause: error },
    );
  }
  return dir;
}

/** The refusal of a file written by a newer dlkb. */
function newerFile(file: string, what: string): StoreError {
  return new StoreError(
    `${file} was written by a newer dlkb (${what}). Run the newer dlkb, or point DLKB_DATA_DIR at another folder.`,
    file,
  );
}

/** Migrates every part of an open database; a file written before parts keeps its rows. */
function migrate(db: Database.Database, file: string, parts: readonly StorePart[]): void {
  const userVersion = Number(db.pragma('user_version', { simple: true }));
  if (userVersion > LEGACY_SCHEMA_VERSION) {
    throw newerFile(file, `schema ${userVersion}; this one knows up to ${LEGACY_SCHEMA_VERSION}`);
  }
  try {
    migrateParts(db, parts, userVersion);
  } catch (error) {
    if (error instanceof NewerPartError) throw newerFile(file, error.message);
    throw error;
  }
  // A write even when nothing was migrated: a read-only file fails here, at start.
  db.pragma(`user_version = ${LEGACY_SCHEMA_VERSION}`);
}

/**
 * One part's store over an open database already migrated for it, with a gate of its own (the reports
 * file, tests). `write` guards its writes (default: none).
 */
export function sqlitePartStore<T extends ChatRows>(
  db: Database.Database,
  part: StorePart<string, T>,
  write: WriteGuard = (fn) => fn(),
): T {
  return part.sql(sqliteSql(db, { write, exclusive: new Exclusive() }));
}

/**
 * The store of `parts` over an open database at `file` (its connection settings the caller's), every
 * part migrated first. Closing the store closes the database.
 * @throws StoreError when the file was written by a newer dlkb; SQLite's errors as they come
 */
export function sqliteStoreOf<const Parts extends readonly StorePart[]>(
  db: Database.Database,
  file: string,
  parts: Parts,
): SqliteStore<Parts> {
  migrate(db, file, parts);
  const guard = fileWriteGuard(file, () => db.inTransaction);
  const exclusive = new Exclusive();
  // In WAL mode, checkpoints run a moment after writes rather than inside the commit of one (`checkpoint.ts`).
  const checkpoints = db.pragma('journal_mode', { simple: true }) === 'wal' ? idleCheckpoints(db) : undefined;
  const write: WriteGuard = (fn) => {
    const result = guard(fn);
    checkpoints?.wrote();
    return result;
  };
  const sql = sqliteSql(db, { write, exclusive });
  const transaction = sql.transaction;
  const close = async () => {
    await exclusive.transaction(async () => {});
    checkpoints?.stop();
    if (db.open) db.close();
  };
  // Statements wait for an open transaction in `sqliteSql` itself: the parts need no gate of their own.
  const store = assemble(parts, (part) => part.sql(sql), { transaction, savepoint: sql.savepoint, close });
  const backup = async (destination: string) => {
    await db.backup(destination);
  };
  return Object.assign(store, { file, backup });
}

/**
 * Opens (creating when needed) the database in `dataDir` with every part in `parts` migrated to its
 * latest version. `busyTimeoutMs`: how long to wait for another process holding the file (default 2 s).
 * Every write goes through a guard (`write-guard.ts`): one that did not reach the file fails instead of
 * counting as done.
 * @throws StoreError with a message naming the file and what to do: the folder cannot be created, the file
 *   is not a database or is corrupt, cannot be written, is in use by another process, or is from a newer dlkb.
 */
export function openSqliteStore<const Parts extends readonly StorePart[]>(
  dataDir: string,
  parts: Parts,
  options: { busyTimeoutMs?: number } = {},
): SqliteStore<Parts> {
  const file = join(makeDataDir(dataDir), DATABASE_FILE);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 2000 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    return sqliteStoreOf(db, file, parts);
  } catch (error) {
    db?.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(openFailureMessage(error, file), file, { cause: error });
  }
}
