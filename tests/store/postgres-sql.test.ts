/**
 * The SqlDatabase over PostgreSQL and its migrations, on the server the test run starts (see
 * tests/support/postgres.ts): a database of this file's own, each test in a schema of its own. Without a
 * server every suite here is reported skipped, saying why.
 */
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { migratePostgres, postgresMigrationStatus } from '../../src/store/postgres-migrate.ts';
import { postgresSql } from '../../src/store/postgres-sql.ts';
import { StoreError, StoreWriteError } from '../../src/store/store.ts';
import { describePostgres, freshPostgresUrl } from '../support/postgres.ts';
import { sqlContract } from './sql-contract.ts';

/** This file's database (created on first use) and a pool on it for setting up and killing connections. */
let database: Promise<{ url: string; admin: pg.Pool }> | undefined;
const server = () => {
  database ??= freshPostgresUrl().then((url) => ({
    url,
    admin: new pg.Pool({ connectionString: url, max: 2 }),
  }));
  return database;
};
afterAll(async () => {
  await (await database)?.admin.end();
});

let schemas = 0;
/** A pool whose tables land in a fresh schema of their own, dropped by `close`. */
async function freshPool(
  max = 10,
): Promise<{ pool: pg.Pool; schema: string; admin: pg.Pool; close(): Promise<void> }> {
  const { url, admin } = await server();
  const schema = `dlkb_test_${process.pid}_${Date.now()}_${++schemas}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({ connectionString: url, max, options: `-c search_path=${schema}` });
  return {
    pool,
    schema,
    admin,
    close: async () => {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

describePostgres('postgresSql: the SqlDatabase contract', () => {
  sqlContract(async () => {
    const { pool, close } = await freshPool();
    return { db: postgresSql(pool), close };
  });
});

describePostgres('postgresSql', () => {
  it('refuses an integer beyond what a JavaScript number holds exactly; numeric and booleans are numbers', async () => {
    const { pool, close } = await freshPool();
    const db = postgresSql(pool);
    await expect(db.get('SELECT CAST(9007199254740993 AS BIGINT) AS n')).rejects.toThrow(RangeError);
    expect(
      await db.get('SELECT CAST(9007199254740991 AS BIGINT) AS n, 1.5::numeric AS x, true AS t, false AS f'),
    ).toEqual({ n: 9007199254740991, x: 1.5, t: 1, f: 0 });
    // The global parsers stay pg's own: another pool's BIGINT is still a string.
    expect((await pool.query('SELECT CAST(5 AS BIGINT) AS n')).rows[0]).toEqual({ n: '5' });
    await close();
  });

  it('a write the server refuses is a StoreWriteError, and rolls its transaction back', async () => {
    const { pool, close } = await freshPool();
    const db = postgresSql(pool);
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await db.run('INSERT INTO t (id) VALUES (1)');
    await expect(db.run('INSERT INTO t (id) VALUES (1)')).rejects.toBeInstanceOf(StoreWriteError);
    const failing = db.transaction(async () => {
      await db.run('INSERT INTO t (id) VALUES (2)');
      await db.run('INSERT INTO t (id) VALUES (1)');
    });
    await expect(failing).rejects.toBeInstanceOf(StoreWriteError);
    expect(await db.all('SELECT id FROM t')).toEqual([{ id: 1 }]);
    expect(pool.idleCount).toBe(pool.totalCount);
    await close();
  });

  it('a connection killed inside a transaction fails it as a StoreWriteError and is not reused', async () => {
    const { pool, admin, close } = await freshPool(2);
    const db = postgresSql(pool);
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const killed = db.transaction(async () => {
      await db.run('INSERT INTO t (id) VALUES (1)');
      const pid = await db.get<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [pid?.pid]);
      await db.run('INSERT INTO t (id) VALUES (2)');
    });
    await expect(killed).rejects.toBeInstanceOf(StoreWriteError);
    expect(await db.all('SELECT id FROM t')).toEqual([]);
    await db.transaction(() => db.run('INSERT INTO t (id) VALUES (3)'));
    expect(await db.all('SELECT id FROM t')).toEqual([{ id: 3 }]);
    await close();
  });
});

/** Parts whose migrations fail when run twice (CREATE TABLE without IF NOT EXISTS) and log each run. */
const parts = [
  { name: 'alpha', migrations: ['CREATE TABLE alpha (id INTEGER)', "INSERT INTO runs VALUES ('alpha', 2)"] },
  {
    name: 'beta',
    migrations: [
      { sqlite: 'CREATE TABLE beta (data BLOB)', postgres: 'CREATE TABLE beta (data BYTEA)' },
      "INSERT INTO runs VALUES ('beta', 2); INSERT INTO beta VALUES ('\\x01')",
    ],
  },
];

describePostgres('migratePostgres', () => {
  it('replicas starting together migrate once; the others find every part current', async () => {
    const { pool, close } = await freshPool();
    await pool.query('CREATE TABLE runs (part TEXT, version INTEGER)');
    expect((await postgresMigrationStatus(pool, parts)).current).toBe(false);
    const replicas = Array.from({ length: 4 }, () => new pg.Pool({ ...pool.options, max: 1 }));
    await Promise.all(replicas.map((replica) => migratePostgres(replica, parts)));
    await Promise.all(replicas.map((replica) => replica.end()));
    expect((await pool.query('SELECT part, version FROM runs ORDER BY part')).rows).toEqual([
      { part: 'alpha', version: 2 },
      { part: 'beta', version: 2 },
    ]);
    expect(await postgresMigrationStatus(pool, parts)).toEqual({
      current: true,
      parts: [
        { name: 'alpha', version: 2, latest: 2 },
        { name: 'beta', version: 2, latest: 2 },
      ],
    });
    await migratePostgres(pool, parts);
    expect((await pool.query('SELECT COUNT(*)::int AS n FROM runs')).rows).toEqual([{ n: 2 }]);
    await close();
  });

  it('a failed migration leaves its part at its last complete version', async () => {
    const { pool, close } = await freshPool();
    const broken = [
      { name: 'gamma', migrations: ['CREATE TABLE gamma (id INTEGER)', 'CREATE TABLE gamma (id INTEGER)'] },
    ];
    await expect(migratePostgres(pool, broken)).rejects.toBeInstanceOf(StoreError);
    expect((await postgresMigrationStatus(pool, broken)).parts).toEqual([
      { name: 'gamma', version: 1, latest: 2 },
    ]);
    await close();
  });

  it('refuses a database a newer dlkb wrote, migrating nothing', async () => {
    const { pool, close } = await freshPool();
    await pool.query('CREATE TABLE runs (part TEXT, version INTEGER)');
    await migratePostgres(pool, parts);
    await pool.query("UPDATE store_parts SET version = 3 WHERE name = 'beta'");
    const older = [
      { name: 'alpha', migrations: [...(parts[0]?.migrations ?? []), 'CREATE TABLE later (id INTEGER)'] },
      ...parts.slice(1),
    ];
    const refusal = migratePostgres(pool, older);
    await expect(refusal).rejects.toThrow(
      /written by a newer dlkb.*part beta is at version 3; this build knows up to 2/,
    );
    expect((await pool.query("SELECT to_regclass('later') AS t")).rows).toEqual([{ t: null }]);
    expect((await postgresMigrationStatus(pool, parts)).current).toBe(false);
    await close();
  });
});

describePostgres('postgresSql after a transaction', () => {
  it('a statement begun inside a transaction but run after it ended runs on the pool, not the released client', async () => {
    const { pool, close } = await freshPool(1);
    const db = postgresSql(pool);
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    let straggler: Promise<unknown> = Promise.resolve();
    await db.transaction(async () => {
      straggler = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
        db.run('INSERT INTO t (id) VALUES (9)'),
      );
    });
    const other = db.transaction(async () => {
      await db.run('INSERT INTO t (id) VALUES (1)');
      await new Promise((resolve) => setTimeout(resolve, 40));
      throw new Error('rolls back');
    });
    await expect(other).rejects.toThrow('rolls back');
    await straggler;
    expect(await db.all('SELECT id FROM t')).toEqual([{ id: 9 }]);
    await close();
  });
});
