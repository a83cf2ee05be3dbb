/**
 * Vitest global setup: one PostgreSQL server for the whole `vitest run`, handed to the test files through
 * `provide('dlkbPostgres', …)` (read it with tests/support/postgres.ts). With `DLKB_TEST_DATABASE_URL` set,
 * that server is used instead of starting one (its test databases are dropped at the end);
 * DLKB_TEST_POSTGRES_BIN names the folder of `initdb` and `postgres` when they are elsewhere. When no server
 * can be had, the test files get the reason and skip their PostgreSQL suites with it; with
 * `DLKB_TEST_POSTGRES_REQUIRED=1` (CI) the run fails instead.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { findPostgresBin, type RunningPostgres, startPostgres } from './postgres-server.ts';

/** What the global setup hands the test files: a server (superuser URL, database name prefix) or a reason. */
export type PostgresForTests =
  | { readonly url: string; readonly prefix: string }
  | { readonly reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    dlkbPostgres: PostgresForTests;
  }
}

/** `host:port/database` of a URL, never its user or password (safe in titles, logs and errors). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/** Drops this run's test databases on a server we did not start (ours is deleted whole). */
async function dropRunDatabases(url: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Checks that `url` answers, so a wrong DLKB_TEST_DATABASE_URL is reported once, before any file runs. */
async function ping(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => {});
  }
}

/** The server of DLKB_TEST_DATABASE_URL when it answers, or why not. */
async function externalServer(url: string, prefix: string): Promise<PostgresForTests> {
  try {
    await ping(url);
    return { url, prefix };
  } catch (error) {
    return { reason: `DLKB_TEST_DATABASE_URL (${describeUrl(url)}) does not answer: ${error}` };
  }
}

/** A server of our own from this machine's binaries, or why there is none. */
async function ownServer(prefix: string): Promise<{ provided: PostgresForTests; server?: RunningPostgres }> {
  const bin = findPostgresBin();
  if (!bin) {
    const where = process.env.DLKB_TEST_POSTGRES_BIN ?? '/usr/lib/postgresql/*/bin nor on the PATH';
    const reason = `initdb not found in ${where}; install the postgresql package or set DLKB_TEST_DATABASE_URL`;
    return { provided: { reason } };
  }
  try {
    const server = await startPostgres(bin);
    return { provided: { url: server.url, prefix }, server };
  } catch (error) {
    return {
      provided: { reason: `could not start PostgreSQL from ${bin}: ${String(error).replace(/\s+/g, ' ')}` },
    };
  }
}

/** Finds or starts the server, provides it to the test files and returns the teardown that stops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prefix = `dlkb_${process.pid.toString(36)}${Date.now().toString(36)}_`;
  const external = process.env.DLKB_TEST_DATABASE_URL;
  const { provided, server } = external
    ? { provided: await externalServer(external, prefix), server: undefined }
    : await ownServer(prefix);
  if ('reason' in provided) {
    if (process.env.DLKB_TEST_POSTGRES_REQUIRED === '1') throw new Error(`PostgreSQL: ${provided.reason}`);
    console.warn(`PostgreSQL tests skipped: ${provided.reason}`);
  }
  project.provide('dlkbPostgres', provided);
  return async () => {
    if (server) await server.stop();
    else if (external && 'url' in provided) await dropRunDatabases(external, prefix);
  };
}
