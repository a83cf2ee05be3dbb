/**
 * The SQL database a store part's queries run on, whichever engine is under it: SQLite (one file, the
 * default) or PostgreSQL (`DATABASE_URL`, shared by replicas). A part writes its queries once, in the SQL
 * both engines share, with `?` placeholders; the few statements that must differ branch on `dialect`.
 *
 * Portable SQL, as the parts use it:
 * - Quote camel-case column aliases (`user_key AS "userKey"`): PostgreSQL folds unquoted names to lower case.
 * - `INSERT … ON CONFLICT (…) DO UPDATE SET c = excluded.c` or `DO NOTHING`, never `INSERT OR REPLACE/IGNORE`.
 * - `CASE WHEN … THEN 1 ELSE 0 END`, never a comparison used as a number (`SUM(due <= ?)`).
 * - `CAST(? AS BIGINT)` (or `TEXT`) where PostgreSQL cannot infer a parameter's type (`? IS NULL`, `SELECT ?`).
 * - Integers are JavaScript numbers on both engines (BIGINT and COUNT included); booleans are 0 and 1.
 */

/** A value a query takes as a parameter or gives back in a column. */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** The engine under a SqlDatabase. */
export type SqlDialect = 'sqlite' | 'postgres';

/**
 * One migration of a part: SQL both engines run, or one text per engine where their DDL must differ
 * (`INTEGER PRIMARY KEY AUTOINCREMENT` against `BIGINT GENERATED ALWAYS AS IDENTITY`, `BLOB` against
 * `BYTEA`, a table rebuilt because SQLite cannot alter a constraint).
 */
export type Migration = string | { readonly sqlite: string; readonly postgres: string };

/** The migration's SQL for one engine. */
export function migrationSql(migration: Migration, dialect: SqlDialect): string {
  return typeof migration === 'string' ? migration : migration[dialect];
}

/** What a write changed. */
export interface RunResult {
  /** Rows inserted, updated or deleted. */
  readonly changes: number;
}

/**
 * An open, migrated SQL database as a part sees it. Every call is one statement with `?` placeholders,
 * run inside the current transaction when there is one (see `transaction`).
 */
export interface SqlDatabase {
  /** The engine: for the few statements that must differ. */
  readonly dialect: SqlDialect;
  /** Every row of a query. */
  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** The first row of a query, or undefined. */
  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined>;
  /** Runs a write. @throws StoreWriteError when it did not reach the database */
  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult>;
  /**
   * Runs `fn` so that its statements commit together or (when it throws) not at all. A transaction
   * begun inside another joins it. On SQLite, statements from outside wait until it ends.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Inside a transaction, runs `fn` in a savepoint: when it throws, its statements alone are undone and
   * the transaction goes on (a write the rest does not depend on). Outside one, a transaction.
   */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
}
