/**
 * A fresh store of one part on each engine, for the part contracts: in memory, over SQLite (a database
 * in memory, migrated by the code that migrates the file) and over PostgreSQL (a schema of its own in a
 * database of this test file, migrated by the code that migrates the server). `onEveryEngine` runs a
 * contract on all three; without a PostgreSQL server that run is reported as skipped, saying why.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { ChatRows, StorePart } from '../../src/store/part.ts';
import { migrateParts } from '../../src/store/part-versions.ts';
import { migratePostgres } from '../../src/store/postgres-migrate.ts';
import { postgresSql } from '../../src/store/postgres-sql.ts';
import type { SqlDatabase } from '../../src/store/sql.ts';
import { sqlitePartStore } from '../../src/store/sqlite.ts';
import { describePostgres, freshPostgresUrl } from '../support/postgres.ts';

/** A store as a contract's `make` may return it: at once, or once migrated on a server. */
export type Made<T> = T | Promise<T>;

/** The part's SQLite store over a fresh database in memory. */
export function sqlitePart<T extends ChatRows>(part: StorePart<string, T>): T {
  const db = new Database(':memory:');
  migrateParts(db, [part], 0);
  return sqlitePartStore(db, part);
}

let database: Promise<string> | undefined;
const pools: pg.Pool[] = [];
let schemas = 0;
afterAll(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

/** A fresh schema in this file's database (created on first use); returns the database's URL and the schema. */
async function freshSchema(): Promise<{ url: string; schema: string }> {
  database ??= freshPostgresUrl();
  const url = await database;
  const schema = `s${++schemas}`;
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(`CREATE SCHEMA ${schema}`);
  await setup.end();
  return { url, schema };
}

/** A pool on one schema (closed after the file), migrated for `parts`. */
async function migratedPool(url: string, schema: string, parts: readonly StorePart[], max: number) {
  // Idle connections close at once: a property test makes a store per run, and the server has a limit.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 50,
    options: `-c search_path=${schema}`,
  });
  pools.push(pool);
  await migratePostgres(pool, parts);
  return pool;
}

/** The part's PostgreSQL store in a fresh schema (this file's database, created on first use). */
export async function postgresPart<T extends ChatRows>(part: StorePart<string, T>): Promise<T> {
  const { url, schema } = await freshSchema();
  return part.sql(postgresSql(await migratedPool(url, schema, [part], 4)));
}

/**
 * `count` replicas' views of one fresh PostgreSQL schema, as separate processes have them: a pool each
 * (`poolSize` connections), all migrating `parts` at once (the advisory lock lets one of them do it).
 */
export async function replicasOnOneSchema(
  parts: readonly StorePart[],
  options: { count?: number; poolSize?: number } = {},
): Promise<SqlDatabase[]> {
  const { url, schema } = await freshSchema();
  const count = options.count ?? 2;
  const pools = await Promise.all(
    Array.from({ length: count }, () => migratedPool(url, schema, parts, options.poolSize ?? 4)),
  );
  return pools.map((pool) => postgresSql(pool));
}

/**
 * Runs `contract` (a part's contract suite) over the part in memory, over SQLite and over PostgreSQL.
 */
export function onEveryEngine<T extends ChatRows>(
  part: StorePart<string, T>,
  contract: (name: string, make: () => Made<T>) => void,
): void {
  contract('memory', () => part.memory());
  contract('sqlite', () => sqlitePart(part));
  describePostgres(`${part.name} on PostgreSQL`, () => contract('postgres', () => postgresPart(part)));
}
