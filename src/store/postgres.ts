/**
 * The PostgreSQL store (`DATABASE_URL=postgres://…`): the database replicas share. Every part is migrated
 * at open under an advisory lock (`postgres-migrate.ts`), so replicas starting together migrate once;
 * each part runs its `sql` implementation, the one it runs on SQLite too. Transactions are the server's
 * (one pooled connection each), so unlike SQLite nothing waits for another transaction in the process.
 */
import pg from 'pg';
import { type AssembledStore, assemble } from './assemble.ts';
import type { StorePart } from './part.ts';
import { type MigrationStatus, migratePostgres, postgresMigrationStatus } from './postgres-migrate.ts';
import { postgresSql } from './postgres-sql.ts';
import type { SqlDatabase } from './sql.ts';

/** Connections a replica opens at most (`DATABASE_POOL_SIZE`). */
export const DEFAULT_POOL_SIZE = 10;

/** The store over PostgreSQL: the parts' stores, and what only a server store can say. */
export type PostgresStore<Parts extends readonly StorePart[] = readonly StorePart[]> =
  AssembledStore<Parts> & {
    /** The engine, for health and logs. */
    readonly engine: 'postgres';
    /** The SQL database under the parts (claims and dedup tables shared by replicas use it too). */
    readonly sql: SqlDatabase;
    /** Each part's version in the database against this build's (for `/healthz`). */
    migrations(): Promise<MigrationStatus>;
  };

/**
 * Connects to `url`, migrates every part in `parts` and returns the store. `poolSize`: connections at
 * most. @throws StoreError naming the server (never the password) and what to do
 */
export async function openPostgresStore<const Parts extends readonly StorePart[]>(
  url: string,
  parts: Parts,
  options: { poolSize?: number } = {},
): Promise<PostgresStore<Parts>> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    application_name: 'dlkb',
  });
  const sql = postgresSql(pool);
  try {
    await migratePostgres(pool, parts);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  let closed = false;
  const store = assemble(parts, (part) => part.sql(sql), {
    transaction: (fn) => sql.transaction(fn),
    savepoint: (fn) => sql.savepoint(fn),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  });
  return Object.assign(store, {
    engine: 'postgres' as const,
    sql,
    migrations: () => postgresMigrationStatus(pool, parts),
  });
}
