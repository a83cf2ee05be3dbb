/**
 * The SqlDatabase over one open SQLite connection (better-sqlite3, synchronous underneath). Each SQL
 * text is prepared once. Transactions run one at a time through the connection's gate (`exclusive.ts`),
 * so a statement from outside waits until the open one ends instead of landing inside it. Writes go
 * through the write guard (`write-guard.ts`): outside a transaction each write, inside one only the
 * commit (the guard checks the file once per outermost write).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import type { Exclusive } from './exclusive.ts';
import type { RunResult, SqlDatabase, SqlValue } from './sql.ts';
import { StoreWriteError } from './store.ts';
import type { WriteGuard } from './write-guard.ts';

/** What better-sqlite3 binds for a parameter: byte arrays as Buffers, the rest as they are. */
function param(value: SqlValue): unknown {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value))
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

/**
 * The SqlDatabase over `db`. `write` guards every write outside a transaction and each transaction's
 * commit; `exclusive` is the gate of this connection (shared with anything else that opens
 * transactions on it).
 */
export function sqliteSql(
  db: Database.Database,
  options: { write: WriteGuard; exclusive: Exclusive },
): SqlDatabase {
  const { write, exclusive } = options;
  /** Each open transaction's state, to know a statement that outlived its transaction. */
  const opened = new AsyncLocalStorage<{ ended: boolean }>();
  /** Runs a function outside every transaction (the context this database was made in). */
  const outside = AsyncLocalStorage.snapshot();
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  /** Runs a step inside the open transaction: SQLite's refusal is a StoreWriteError, as the guard makes it. */
  const inside = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof Database.SqliteError)) throw error;
      throw new StoreWriteError(`Cannot write ${db.name} (${error.code}: ${error.message})`, db.name, {
        cause: error,
      });
    }
  };

  /** Runs one statement once no transaction from elsewhere is open. */
  const statement = <T>(
    sql: string,
    params: readonly SqlValue[],
    use: (s: Database.Statement, p: unknown[]) => T,
  ): Promise<T> =>
    // Begun inside a transaction that has ended since (never awaited there): it waits like any other.
    opened.getStore()?.ended ? outside(() => run(sql, params, use)) : run(sql, params, use);

  const run = async <T>(
    sql: string,
    params: readonly SqlValue[],
    use: (s: Database.Statement, p: unknown[]) => T,
  ) => {
    // Checked again after waiting: a transaction begun meanwhile must not take this statement in.
    for (let idle = exclusive.idle(); idle; idle = exclusive.idle()) await idle;
    const prepared = prepare(sql);
    const bound = params.map(param);
    if (prepared.readonly) return use(prepared, bound);
    if (exclusive.inTransaction) return inside(() => use(prepared, bound));
    return write(() => use(prepared, bound));
  };

  const transaction = <T>(fn: () => Promise<T>): Promise<T> => {
    // Begun inside a transaction that has ended since: a transaction of its own, after the open one.
    if (opened.getStore()?.ended) return outside(() => transaction(fn));
    if (exclusive.inTransaction) return fn();
    const state = { ended: false };
    return exclusive.transaction(() =>
      opened.run(state, async () => {
        inside(() => db.exec('BEGIN IMMEDIATE'));
        let result: T;
        try {
          result = await fn();
        } catch (error) {
          // Some failures (a full disk) end the transaction themselves.
          state.ended = true;
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
        try {
          write(() => db.exec('COMMIT'));
        } finally {
          state.ended = true;
          // A commit SQLite refused (busy, I/O) leaves the transaction open: nothing of it counts.
          if (db.inTransaction) db.exec('ROLLBACK');
        }
        return result;
      }),
    );
  };

  let savepoints = 0;
  const savepoint = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (!exclusive.inTransaction || opened.getStore()?.ended) return transaction(fn);
    const name = `dlkb_${++savepoints}`;
    inside(() => db.exec(`SAVEPOINT ${name}`));
    try {
      const result = await fn();
      inside(() => db.exec(`RELEASE ${name}`));
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    }
  };

  return {
    dialect: 'sqlite',
    all: <Row>(sql: string, params: readonly SqlValue[] = []) =>
      statement(sql, params, (s, p) => s.all(...p) as Row[]),
    get: <Row>(sql: string, params: readonly SqlValue[] = []) =>
      statement(sql, params, (s, p) => s.get(...p) as Row | undefined),
    run: (sql: string, params: readonly SqlValue[] = []): Promise<RunResult> =>
      statement(sql, params, (s, p) => ({ changes: s.run(...p).changes })),
    transaction,
    savepoint,
  };
}
