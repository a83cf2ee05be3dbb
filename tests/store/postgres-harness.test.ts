/**
 * The PostgreSQL test harness (tests/support/postgres.ts): the run's server answers over `pg`, each
 * `freshPostgresUrl()` is an empty database of its own, and what one database holds the other does not see.
 * Skipped, with the reason in its title, when no server could be had.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePostgres, freshPostgresUrl, postgresForTests } from '../support/postgres.ts';
import { describeUrl } from '../support/postgres-setup.ts';

describePostgres('PostgreSQL test harness', () => {
  const clients: pg.Client[] = [];
  let first: string;
  let second: string;

  /** A connected client on `url`, closed after the suite. */
  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    [first, second] = await Promise.all([freshPostgresUrl(), freshPostgresUrl()]);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
  });

  it('gives each call a database of its own, empty and named after this run', async () => {
    expect(first).not.toBe(second);
    const db = await connect(first);
    const { rows } = await db.query<{ name: string; tables: number }>(
      `SELECT current_database() AS name,
              (SELECT count(*)::int FROM information_schema.tables WHERE table_schema = 'public') AS tables`,
    );
    expect(`/${rows[0]?.name}`).toBe(new URL(first).pathname);
    expect(rows[0]?.name).toMatch(/^dlkb_/);
    expect(rows[0]?.tables).toBe(0);
  });

  it('stores and reads rows in a table it creates, in a transaction that can roll back', async () => {
    const db = await connect(first);
    await db.query('CREATE TABLE notes (id SERIAL PRIMARY KEY, body TEXT NOT NULL)');
    await db.query('INSERT INTO notes (body) VALUES ($1), ($2)', ['α', 'β']);
    await db.query('BEGIN');
    await db.query('INSERT INTO notes (body) VALUES ($1)', ['rolled back']);
    await db.query('ROLLBACK');
    const { rows } = await db.query<{ body: string }>('SELECT body FROM notes ORDER BY id');
    expect(rows.map((r) => r.body)).toEqual(['α', 'β']);
  });

  it('keeps two fresh databases apart: the same table name holds different rows in each', async () => {
    const a = await connect(first);
    const b = await connect(second);
    await a.query('CREATE TABLE IF NOT EXISTS notes (id SERIAL PRIMARY KEY, body TEXT NOT NULL)');
    await expect(b.query('SELECT * FROM notes')).rejects.toThrow(/relation "notes" does not exist/);
    await b.query('CREATE TABLE notes (id SERIAL PRIMARY KEY, body TEXT NOT NULL)');
    await b.query('INSERT INTO notes (body) VALUES ($1)', ['only in the second']);
    const inFirst = await a.query<{ body: string }>('SELECT body FROM notes');
    const inSecond = await b.query<{ body: string }>('SELECT body FROM notes');
    expect(inFirst.rows.map((r) => r.body)).not.toContain('only in the second');
    expect(inSecond.rows.map((r) => r.body)).toEqual(['only in the second']);
  });

  it('listens on 127.0.0.1 (or the given DLKB_TEST_DATABASE_URL host) with the URL it hands out', async () => {
    const server = postgresForTests();
    if (!('url' in server)) throw new Error(server.reason);
    const db = await connect(first);
    const { rows } = await db.query<{ port: string }>('SHOW port');
    expect(new URL(first).port || '5432').toBe(rows[0]?.port);
    if (!process.env.DLKB_TEST_DATABASE_URL) expect(new URL(first).hostname).toBe('127.0.0.1');
  });
});

describe('PostgreSQL URLs in titles and errors', () => {
  it('show the host, port and database, never the user or password', () => {
    const shown = describeUrl('postgres://dlkb:s3cret@db.example:6543/dlkb');
    expect(shown).toBe('db.example:6543/dlkb');
    expect(shown).not.toContain('s3cret');
  });
});
