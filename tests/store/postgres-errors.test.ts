/**
 * PostgreSQL failures as an admin reads them: the server named (host, port, database), what to do, and the
 * password of DATABASE_URL nowhere (message, String(error), any cause). Needs no server: nothing listens
 * on the ports these pools try.
 */
import { inspect } from 'node:util';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migratePostgres, postgresMigrationStatus } from '../../src/store/postgres-migrate.ts';
import { postgresSql } from '../../src/store/postgres-sql.ts';
import { StoreError, StoreWriteError } from '../../src/store/store.ts';

const PASSWORD = 'Sekr3t-pa55word';
const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

function pool(config: pg.PoolConfig): pg.Pool {
  const made = new pg.Pool({ connectionTimeoutMillis: 2000, ...config });
  pools.push(made);
  return made;
}

/** Every text an error could show: its message, String(), inspect() with every cause, and the causes'. */
function everyText(error: unknown): string {
  const texts: string[] = [inspect(error, { depth: 20, showHidden: true })];
  for (let e: unknown = error; e !== undefined && e !== null; e = (e as { cause?: unknown }).cause) {
    texts.push(String(e), (e as Error).message ?? '', JSON.stringify(e) ?? '');
  }
  return texts.join('\n');
}

async function failure(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

/** A connection string whose server refuses connections (nothing listens on port 1). */
const refused = `postgres://dlkb:${PASSWORD}@127.0.0.1:1/dlkbdb`;

describe('postgres failures', () => {
  it('a refused connection names host, port and database and says what to do, never the password', async () => {
    const db = postgresSql(pool({ connectionString: refused }));
    const read = await failure(db.get('SELECT 1'));
    expect(read).not.toBeInstanceOf(StoreWriteError);
    expect(read.message).toContain('127.0.0.1:1/dlkbdb');
    expect(read.message).toMatch(/ECONNREFUSED.*start PostgreSQL/);
    expect(read.path).toBe('postgres://dlkb@127.0.0.1:1/dlkbdb');
    const write = await failure(db.run('INSERT INTO t VALUES (1)'));
    expect(write).toBeInstanceOf(StoreWriteError);
    const transaction = await failure(db.transaction(async () => 1));
    expect(transaction).toBeInstanceOf(StoreWriteError);
    for (const error of [read, write, transaction]) expect(everyText(error)).not.toContain(PASSWORD);
  });

  it('keeps the password out when it is given apart, URL-encoded, or in a URL that does not parse', async () => {
    const encoded = 'p@ss/w:rd%';
    const attempts = [
      pool({ host: '127.0.0.1', port: 1, database: 'd', user: 'u', password: PASSWORD }),
      pool({ connectionString: `postgres://u:${encodeURIComponent(encoded)}@127.0.0.1:1/d` }),
      pool({ connectionString: `postgres://u:${PASSWORD}@[not-a-host/d` }),
      pool({ connectionString: `host=127.0.0.1 port=1 password=${PASSWORD} dbname=d` }),
    ];
    for (const attempt of attempts) {
      const errors = [
        await failure(postgresSql(attempt).all('SELECT 1')),
        await failure(migratePostgres(attempt, [{ name: 'p', migrations: ['SELECT 1'] }])),
        await failure(postgresMigrationStatus(attempt, [])),
      ];
      for (const error of errors) {
        const text = everyText(error);
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain(encoded);
        expect(text).not.toContain(encodeURIComponent(encoded));
      }
    }
  });
});
