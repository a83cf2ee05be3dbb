/**
 * PostgreSQL for test files. tests/support/postgres-setup.ts (vitest globalSetup) starts one throwaway
 * server per run, or uses DLKB_TEST_DATABASE_URL; a test file wraps its PostgreSQL suite in
 * `describePostgres(name, fn)` and takes a database of its own from `freshPostgresUrl()`:
 *
 *   describePostgres('answers over PostgreSQL', () => {
 *     let url: string;
 *     beforeAll(async () => { url = await freshPostgresUrl(); });
 *     it('…', async () => { … new pg.Client({ connectionString: url }) … });
 *   });
 *
 * Without a server the suite is reported as skipped, its title giving the reason.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import type { PostgresForTests } from './postgres-setup.ts';

/** This run's server, or why there is none. */
export function postgresForTests(): PostgresForTests {
  return (
    inject('dlkbPostgres') ?? { reason: 'the PostgreSQL global setup did not run (see vitest.config.ts)' }
  );
}

/** `describe` when a PostgreSQL server is available; otherwise `describe.skip` with the reason in its title. */
export function describePostgres(name: string, fn: () => void): void {
  const server = postgresForTests();
  if ('url' in server) describe(name, fn);
  else describe.skip(`${name} (PostgreSQL tests skipped: ${server.reason})`, fn);
}

/** Creates an empty database of its own on the run's server and returns its URL (throws without a server). */
export async function freshPostgresUrl(): Promise<string> {
  const server = postgresForTests();
  if (!('url' in server)) throw new Error(`no PostgreSQL server for the tests: ${server.reason}`);
  const name = `${server.prefix}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}
