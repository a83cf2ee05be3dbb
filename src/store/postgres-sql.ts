/**
 * The SqlDatabase over a PostgreSQL pool (`DATABASE_URL`, shared by replicas). A statement runs on the
 * client of the transaction it is inside (known by an AsyncLocalStorage), else on any client of the pool.
 * Integers come back as JavaScript numbers (BIGINT, COUNT and SUM too, refusing any beyond 2^53) and
 * booleans as 0 and 1, by type parsers of these queries only (the global `pg.types` is left alone).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import {
  connectionFailure,
  isConnectionError,
  leaks,
  type PostgresTarget,
  postgresTarget,
  writeFailure,
} from './postgres-errors.ts';
import { numberPlaceholders } from './postgres-placeholders.ts';
import type { RunResult, SqlDatabase, SqlValue } from './sql.ts';

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;

/** A number from PostgreSQL's text form of an integer or numeric, refusing an integer JavaScript cannot hold. */
function toNumber(text: string): number {
  const value = Number(text);
  if (Number.isInteger(value) && !Number.isSafeInteger(value))
    throw new RangeError(
      `PostgreSQL returned ${text}, beyond the integers a JavaScript number holds exactly`,
    );
  return value;
}

/** The type parsers of every query dlkb runs on PostgreSQL (pass as a pool's `types` too, if you like). */
export const postgresTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (format === undefined || format === 'text') {
      if (oid === INT8 || oid === NUMERIC) return toNumber;
      if (oid === BOOL) return (text: string) => (text === 't' ? 1 : 0);
    }
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** `?` placeholders numbered once per SQL text. */
const numbered = new Map<string, string>();
function toPostgres(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    text = numberPlaceholders(sql).text;
    if (numbered.size < 10_000) numbered.set(sql, text);
  }
  return text;
}

/** What pg sends for a parameter: byte arrays as Buffers, the rest as they are. */
function param(value: SqlValue): unknown {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value))
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

/** True for a write run with `get` or `all` (`INSERT … RETURNING`), so that its failure is a StoreWriteError. */
function isWrite(sql: string): boolean {
  return /^\s*(INSERT|UPDATE|DELETE)\b/i.test(sql);
}

/** A transaction's client and the connection error it saw (kept so the client is not reused). */
interface Open {
  readonly client: pg.PoolClient;
  broken: Error | undefined;
  /** Committed or rolled back: a statement still carrying this context (never awaited) runs on the pool. */
  ended: boolean;
}

/**
 * The SqlDatabase over `pool`. Failures to reach the server throw StoreError naming host, port and
 * database (never the password) with what to do; failed writes throw StoreWriteError.
 */
export function postgresSql(pool: pg.Pool): SqlDatabase {
  const target: PostgresTarget = postgresTarget(pool.options);
  const inside = new AsyncLocalStorage<Open>();
  // An idle client whose connection dropped is removed by the pool; without a listener, Node would exit.
  if (pool.listenerCount('error') === 0) pool.on('error', () => {});

  const query = async <Row>(sql: string, params: readonly SqlValue[], write: boolean) => {
    const store = inside.getStore();
    const open = store?.ended ? undefined : store;
    const config = { text: toPostgres(sql), values: params.map(param), types: postgresTypes };
    try {
      return await (open ? open.client : pool).query<Row & pg.QueryResultRow>(config);
    } catch (error) {
      const connection = isConnectionError(error) || leaks(error, target.secrets);
      if (open && connection) open.broken ??= error as Error;
      if (write || isWrite(sql)) {
        if (connection || error instanceof pg.DatabaseError) throw writeFailure(error, target);
      } else if (connection) throw connectionFailure(error, target, false);
      throw error;
    }
  };

  const transaction = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (inside.getStore()?.ended === false) return fn();
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw connectionFailure(error, target, true);
    }
    const open: Open = { client, broken: undefined, ended: false };
    // A connection lost while the transaction awaits something else: noted, and the next statement fails.
    const onError = (error: Error) => {
      open.broken ??= error;
    };
    client.on('error', onError);
    try {
      try {
        await client.query('BEGIN');
      } catch (error) {
        open.broken ??= error as Error;
        throw connectionFailure(error, target, true);
      }
      let result: T;
      try {
        result = await inside.run(open, fn);
      } catch (error) {
        if (!open.broken) await client.query('ROLLBACK').catch((e: Error) => (open.broken ??= e));
        throw error;
      }
      try {
        await client.query('COMMIT');
      } catch (error) {
        if (isConnectionError(error)) open.broken ??= error as Error;
        else await client.query('ROLLBACK').catch((e: Error) => (open.broken ??= e));
        throw writeFailure(error, target);
      }
      return result;
    } finally {
      open.ended = true;
      client.off('error', onError);
      client.release(open.broken);
    }
  };

  let savepoints = 0;
  const savepoint = async <T>(fn: () => Promise<T>): Promise<T> => {
    const open = inside.getStore();
    if (!open || open.ended) return transaction(fn);
    const name = `dlkb_${++savepoints}`;
    await query(`SAVEPOINT ${name}`, [], true);
    try {
      const result = await fn();
      await query(`RELEASE SAVEPOINT ${name}`, [], true);
      return result;
    } catch (error) {
      // After a failed statement PostgreSQL refuses every other until this rollback: the transaction goes on.
      if (!open.broken) await query(`ROLLBACK TO SAVEPOINT ${name}`, [], true);
      throw error;
    }
  };

  return {
    dialect: 'postgres',
    all: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
      (await query<Row>(sql, params, false)).rows as Row[],
    get: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
      (await query<Row>(sql, params, false)).rows[0] as Row | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []): Promise<RunResult> => ({
      changes: (await query(sql, params, true)).rowCount ?? 0,
    }),
    transaction,
    savepoint,
  };
}
