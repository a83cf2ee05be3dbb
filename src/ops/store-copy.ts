/**
 * Copies store parts' tables from SQLite files into a PostgreSQL database, generically: a part's tables
 * are the ones its SQLite migrations create, their columns the source table's own (`PRAGMA
 * table_info`), since each part's PostgreSQL dialect keeps the SQLite table and column names. Every row
 * is inserted in one transaction, in batches; an identity column gets the copied ids and its sequence
 * then continues after the highest. The counts on both sides are returned for the caller to verify.
 */
import Database from 'better-sqlite3';
import type { StorePart } from '../store/part.ts';
import { migrationSql, type SqlDatabase, type SqlValue } from '../store/sql.ts';

/** One SQLite file to copy and the parts whose tables it holds. */
export interface CopySource {
  /** The file's path, for messages. */
  readonly file: string;
  /** The open connection, migrated for `parts` (read only here); absent: no such file (its tables are empty). */
  readonly db: Database.Database | undefined;
  readonly parts: readonly StorePart[];
}

/** One table's rows on both sides after the copy. */
export interface TableCount {
  readonly part: string;
  readonly table: string;
  readonly sqlite: number;
  readonly postgres: number;
}

/** A table in a source file that no part owns: not copied. */
export interface LeftOut {
  readonly file: string;
  readonly table: string;
  readonly rows: number;
}

/** What a copy did. */
export interface CopyResult {
  readonly counts: readonly TableCount[];
  readonly leftOut: readonly LeftOut[];
}

/** The target already holds rows of dlkb's tables: nothing was copied. */
export class TargetNotEmptyError extends Error {
  override readonly name = 'TargetNotEmptyError';
  constructor(readonly tables: readonly { table: string; rows: number }[]) {
    super(
      `the PostgreSQL database already has rows (${tables.map((t) => `${t.table}: ${t.rows}`).join(', ')}); ` +
        'migrate-store copies only into an empty database',
    );
  }
}

/** Tables dlkb keeps for itself in every SQLite file, never a part's rows. */
const OWN_TABLES = new Set(['store_parts']);

/** Placeholders per INSERT at most (PostgreSQL takes up to 65,535). */
const MAX_PARAMS = 30_000;

/** An identifier quoted for both engines. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The user tables of an SQLite database, in creation order. */
function sqliteTables(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
    )
    .all()
    .map((r) => r.name)
    .filter((name) => !OWN_TABLES.has(name));
}

/**
 * Each part's tables: what its SQLite migrations create, run in order (part after part, as a store
 * opens them) on an empty database in memory.
 */
export function partTables(parts: readonly StorePart[]): Map<string, string[]> {
  const db = new Database(':memory:');
  try {
    const owned = new Map<string, string[]>();
    let before = new Set<string>();
    for (const part of parts) {
      for (const migration of part.migrations) db.exec(migrationSql(migration, 'sqlite'));
      const now = sqliteTables(db);
      owned.set(
        part.name,
        now.filter((t) => !before.has(t)),
      );
      before = new Set(now);
    }
    return owned;
  } finally {
    db.close();
  }
}

/** The rows of a table. */
async function countRows(sql: SqlDatabase, table: string): Promise<number> {
  const row = await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoteIdent(table)}`);
  return Number(row?.n ?? 0);
}

function sqliteCount(db: Database.Database, table: string): number {
  const row = db.prepare(`SELECT COUNT(*) AS n FROM ${quoteIdent(table)}`).get() as { n: number };
  return row.n;
}

/** The columns of a table filled by a sequence (identity, serial) in the target. */
async function sequenceColumns(target: SqlDatabase, table: string): Promise<string[]> {
  const rows = await target.all<{ column: string }>(
    `SELECT column_name AS "column" FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ?
        AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`,
    [table],
  );
  return rows.map((r) => r.column);
}

/** The columns of a source table, in order. */
function sqliteColumns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${quoteIdent(table)})`) as { name: string }[]).map((c) => c.name);
}

/**
 * The source's columns the target table lacks (the table itself missing: all of them), as
 * `table.column`: a PostgreSQL dialect that renamed something, found before anything is copied.
 */
async function missingColumns(db: Database.Database, target: SqlDatabase, table: string): Promise<string[]> {
  const rows = await target.all<{ column: string }>(
    `SELECT column_name AS "column" FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ?`,
    [table],
  );
  const there = new Set(rows.map((r) => r.column));
  return sqliteColumns(db, table)
    .filter((c) => !there.has(c))
    .map((c) => `${table}.${c}`);
}

/** Copies one table's rows in batches (inside the caller's transaction); resets its sequences. */
async function copyTable(db: Database.Database, target: SqlDatabase, table: string): Promise<void> {
  const columns = sqliteColumns(db, table);
  if (columns.length === 0) return;
  const sequences = await sequenceColumns(target, table);
  const list = columns.map(quoteIdent).join(', ');
  const head = `INSERT INTO ${quoteIdent(table)} (${list})${sequences.length > 0 ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const perBatch = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / columns.length)));
  const insert = async (rows: SqlValue[][]) => {
    await target.run(head + rows.map(() => tuple).join(', '), rows.flat());
  };
  // Integers as BigInt: none loses precision on the way, whatever its size.
  const read = db
    .prepare(`SELECT ${list} FROM ${quoteIdent(table)}`)
    .raw(true)
    .safeIntegers(true);
  let batch: SqlValue[][] = [];
  for (const row of read.iterate() as IterableIterator<SqlValue[]>) {
    batch.push(row);
    if (batch.length === perBatch) {
      await insert(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insert(batch);
  for (const column of sequences) {
    const c = quoteIdent(column);
    await target.get(
      `SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX(${c}), 0) + 1, false) FROM ${quoteIdent(table)}`,
      [quoteIdent(table), column],
    );
  }
}

/**
 * Copies every part's tables of `sources` into `target` (a PostgreSQL database migrated for the same
 * parts) in one transaction, then counts each table on both sides.
 * @throws TargetNotEmptyError (nothing copied) when a target table already has rows; Error when a
 *   target table lacks a column of the source; the target's errors as they come (rolled back)
 */
export async function copyToPostgres(
  sources: readonly CopySource[],
  target: SqlDatabase,
): Promise<CopyResult> {
  const plan = sources.flatMap((source) => {
    const owned = partTables(source.parts);
    const present = new Set(source.db ? sqliteTables(source.db) : []);
    return source.parts.flatMap((part) =>
      (owned.get(part.name) ?? []).map((table) => ({
        db: present.has(table) ? source.db : undefined,
        part: part.name,
        table,
      })),
    );
  });
  const leftOut = sources.flatMap(({ db, file, parts }) => {
    if (!db) return [];
    const claimed = new Set(
      plan.filter((p) => parts.some((part) => part.name === p.part)).map((p) => p.table),
    );
    return sqliteTables(db)
      .filter((table) => !claimed.has(table))
      .map((table) => ({ file, table, rows: sqliteCount(db, table) }));
  });
  await target.transaction(async () => {
    const full: { table: string; rows: number }[] = [];
    for (const { table } of plan) {
      const rows = await countRows(target, table);
      if (rows > 0) full.push({ table, rows });
    }
    if (full.length > 0) throw new TargetNotEmptyError(full);
    const missing: string[] = [];
    for (const { db, table } of plan) if (db) missing.push(...(await missingColumns(db, target, table)));
    if (missing.length > 0)
      throw new Error(
        `PostgreSQL lacks columns the SQLite database has: ${missing.join(', ')} (a part's PostgreSQL migration names them differently)`,
      );
    for (const { db, table } of plan) if (db) await copyTable(db, target, table);
  });
  const counts: TableCount[] = [];
  for (const { db, part, table } of plan) {
    counts.push({
      part,
      table,
      sqlite: db ? sqliteCount(db, table) : 0,
      postgres: await countRows(target, table),
    });
  }
  return { counts, leftOut };
}
