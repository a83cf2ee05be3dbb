/**
 * What every SqlDatabase does, whichever engine is under it: run by `sqlite-sql.test.ts` always and by
 * `postgres-sql.test.ts` against a PostgreSQL server. `open` gives a fresh, empty database each time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../../src/store/sql.ts';

/** A fresh database for one test and how to release it. */
export interface OpenedSql {
  readonly db: SqlDatabase;
  close(): Promise<void>;
}

/** A write that fails on purpose so a transaction rolls back. */
class Abort extends Error {}

/** Resolves after other queued work ran: lets concurrent transactions interleave. */
const later = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/** The contract suite for the SqlDatabase that `open` makes. */
export function sqlContract(open: () => Promise<OpenedSql>): void {
  let opened: OpenedSql;
  let db: SqlDatabase;
  beforeEach(async () => {
    opened = await open();
    db = opened.db;
    await db.run('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, at BIGINT, note TEXT)');
  });
  afterEach(async () => {
    await opened.close();
  });

  const names = async () =>
    (await db.all<{ name: string }>('SELECT name FROM items ORDER BY id')).map((r) => r.name);

  describe('statements', () => {
    it('binds ? placeholders in order, a ? inside a string literal staying text', async () => {
      await db.run('INSERT INTO items (id, name, at) VALUES (?, ?, ?)', [1, 'a?b', 5]);
      const row = await db.get<{ q: string; name: string; sum: number }>(
        `SELECT '?' AS q, name, at + CAST(? AS BIGINT) AS sum FROM items WHERE id = ? AND name = ?`,
        [10, 1, 'a?b'],
      );
      expect(row).toEqual({ q: '?', name: 'a?b', sum: 15 });
    });

    it('run counts the rows changed; get gives the first row or undefined; all every row', async () => {
      const inserted = await db.run('INSERT INTO items (id, name) VALUES (?, ?), (?, ?), (?, ?)', [
        1,
        'x',
        2,
        'y',
        3,
        'z',
      ]);
      expect(inserted.changes).toBe(3);
      expect((await db.run('UPDATE items SET note = ? WHERE id >= ?', ['n', 2])).changes).toBe(2);
      expect((await db.run('DELETE FROM items WHERE id = ?', [99])).changes).toBe(0);
      expect(await db.get('SELECT name FROM items WHERE id = ?', [99])).toBeUndefined();
      expect(await db.get('SELECT name FROM items ORDER BY id DESC')).toEqual({ name: 'z' });
      expect(await names()).toEqual(['x', 'y', 'z']);
      expect(await db.all('SELECT name FROM items WHERE id > ?', [10])).toEqual([]);
    });

    it('gives integers as numbers: BIGINT epoch milliseconds, COUNT and SUM over them', async () => {
      const base = 1_780_000_000_000; // far beyond 2^31
      for (let i = 1; i <= 4; i += 1)
        await db.run('INSERT INTO items (id, name, at) VALUES (?, ?, ?)', [i, `n${i}`, base + i]);
      const row = await db.get<{ at: number; n: number; total: number; top: number }>(
        'SELECT MIN(at) AS at, COUNT(*) AS n, SUM(at) AS total, MAX(at) AS top FROM items',
      );
      expect(row).toEqual({ at: base + 1, n: 4, total: 4 * base + 10, top: base + 4 });
      expect(typeof row?.total).toBe('number');
      const flag = await db.get<{ due: number }>(
        'SELECT SUM(CASE WHEN at <= ? THEN 1 ELSE 0 END) AS due FROM items',
        [base + 2],
      );
      expect(flag).toEqual({ due: 2 });
    });

    it('round-trips NULL, and CAST(? AS …) IS NULL tests a parameter', async () => {
      await db.run('INSERT INTO items (id, name, at) VALUES (?, ?, ?)', [1, null, null]);
      expect(await db.get('SELECT name, at, note FROM items')).toEqual({ name: null, at: null, note: null });
      const rows = await db.all<{ id: number }>(
        'SELECT id FROM items WHERE CAST(? AS BIGINT) IS NULL OR at = CAST(? AS BIGINT)',
        [null, null],
      );
      expect(rows).toEqual([{ id: 1 }]);
    });

    it('keeps quoted camel-case aliases as written', async () => {
      await db.run('INSERT INTO items (id, name, at) VALUES (?, ?, ?)', [7, 'k', 3]);
      expect(await db.get('SELECT id AS "itemId", at AS "dueAt" FROM items')).toEqual({
        itemId: 7,
        dueAt: 3,
      });
    });

    it('round-trips bytes', async () => {
      const type = db.dialect === 'postgres' ? 'BYTEA' : 'BLOB';
      await db.run(`CREATE TABLE blobs (id INTEGER PRIMARY KEY, data ${type})`);
      const bytes = new Uint8Array([0, 1, 2, 250, 255]);
      await db.run('INSERT INTO blobs (id, data) VALUES (?, ?)', [1, bytes]);
      const row = await db.get<{ data: Uint8Array }>('SELECT data FROM blobs');
      expect(row?.data).toBeInstanceOf(Uint8Array);
      expect([...(row?.data ?? [])]).toEqual([...bytes]);
    });
  });

  describe('transactions', () => {
    it('commits every statement of a transaction together, and returns its value', async () => {
      const value = await db.transaction(async () => {
        await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [1, 'a']);
        await later();
        await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [2, 'b']);
        return (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM items'))?.n;
      });
      expect(value).toBe(2);
      expect(await names()).toEqual(['a', 'b']);
    });

    it('rolls back every statement when the function throws, and rethrows its error', async () => {
      await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [1, 'kept']);
      const failing = db.transaction(async () => {
        await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [2, 'lost']);
        await db.run('UPDATE items SET name = ? WHERE id = ?', ['changed', 1]);
        await later();
        throw new Abort('no');
      });
      await expect(failing).rejects.toBeInstanceOf(Abort);
      expect(await names()).toEqual(['kept']);
    });

    it('a transaction begun inside another joins it: both commit or roll back together', async () => {
      await expect(
        db.transaction(async () => {
          await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [1, 'outer']);
          const inner = await db.transaction(async () => {
            const seen = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM items');
            await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [2, 'inner']);
            return seen?.n;
          });
          expect(inner).toBe(1);
          throw new Abort('outer fails after the inner one returned');
        }),
      ).rejects.toBeInstanceOf(Abort);
      expect(await names()).toEqual([]);
      await db.transaction(() =>
        db.transaction(() => db.run('INSERT INTO items (id, name) VALUES (1, ?)', ['both'])),
      );
      expect(await names()).toEqual(['both']);
    });

    it('a savepoint that fails undoes its own writes only, and the transaction goes on to commit', async () => {
      await db.transaction(async () => {
        await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [1, 'kept']);
        await expect(
          db.savepoint(async () => {
            await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [2, 'undone']);
            // A failed statement (the id is taken): PostgreSQL would refuse the rest of the transaction.
            await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [1, 'twice']);
          }),
        ).rejects.toThrow();
        await db.savepoint(() => db.run('INSERT INTO items (id, name) VALUES (?, ?)', [3, 'saved']));
        await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [4, 'after']);
      });
      expect(await names()).toEqual(['kept', 'saved', 'after']);
      // Outside a transaction, a savepoint is a transaction of its own.
      await expect(
        db.savepoint(async () => {
          await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [5, 'alone']);
          throw new Abort('no');
        }),
      ).rejects.toBeInstanceOf(Abort);
      expect(await names()).toEqual(['kept', 'saved', 'after']);
    });

    it('concurrent transactions each see their own writes and serialize on a row', async () => {
      await db.run('INSERT INTO items (id, name, at) VALUES (1, ?, 0)', ['counter']);
      const n = 8;
      const seen = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          db
            .transaction(async () => {
              await later();
              await db.run('UPDATE items SET at = at + 1 WHERE id = 1');
              await later();
              await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [100 + i, `t${i}`]);
              const row = await db.get<{ at: number }>('SELECT at FROM items WHERE id = 1');
              if (i % 3 === 2) throw new Abort(`t${i} rolls back`);
              return row?.at;
            })
            .catch((error: unknown) => (error instanceof Abort ? 'aborted' : Promise.reject(error))),
        ),
      );
      const committed = seen.filter((s) => s !== 'aborted') as number[];
      const rows = await db.get<{ at: number; n: number }>(
        'SELECT MAX(at) AS at, (SELECT COUNT(*) FROM items WHERE id >= 100) AS n FROM items WHERE id = 1',
      );
      expect(rows).toEqual({ at: committed.length, n: committed.length });
      const aborts = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 === 2).length;
      expect(committed.length).toBe(n - aborts);
      // Each committed transaction saw the counter after its own increment, none after another's open one.
      expect([...committed].sort((a, b) => a - b)).toEqual(committed.map((_, i) => i + 1));
    });

    it('statements begun inside a transaction but run after it ended are not taken into the next one', async () => {
      const stragglers: Promise<unknown>[] = [];
      const afterwards = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      await db.transaction(async () => {
        stragglers.push(
          afterwards(10).then(() => db.run('INSERT INTO items (id, name) VALUES (9, ?)', ['late'])),
        );
        stragglers.push(
          afterwards(10).then(() =>
            db.transaction(() => db.run('INSERT INTO items (id, name) VALUES (8, ?)', ['late transaction'])),
          ),
        );
      });
      const next = db.transaction(async () => {
        await db.run('INSERT INTO items (id, name) VALUES (1, ?)', ['rolled back']);
        await afterwards(30);
        throw new Abort('rolls back');
      });
      await expect(next).rejects.toBeInstanceOf(Abort);
      await Promise.all(stragglers);
      expect(await names()).toEqual(['late transaction', 'late']);
    });

    it('a statement from outside an open transaction is not rolled back with it', async () => {
      let entered: () => void = () => {};
      const inTransaction = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const failing = db.transaction(async () => {
        await db.run('INSERT INTO items (id, name) VALUES (?, ?)', [1, 'inside']);
        entered();
        await later();
        await later();
        throw new Abort('rolls back');
      });
      await inTransaction;
      const outside = db.run('INSERT INTO items (id, name) VALUES (?, ?)', [2, 'outside']);
      await expect(failing).rejects.toBeInstanceOf(Abort);
      expect((await outside).changes).toBe(1);
      expect(await names()).toEqual(['outside']);
    });
  });
}
