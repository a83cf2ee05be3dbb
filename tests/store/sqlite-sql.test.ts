/** The SqlDatabase over SQLite: the contract, and what only SQLite does (the gate, the write guard). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Exclusive } from '../../src/store/exclusive.ts';
import { sqliteSql } from '../../src/store/sqlite-sql.ts';
import { StoreWriteError } from '../../src/store/store.ts';
import { fileWriteGuard, type WriteGuard } from '../../src/store/write-guard.ts';
import { sqlContract } from './sql-contract.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh database file with its guard, counting the writes that went through the guard. */
function openFile() {
  const dir = mkdtempSync(join(tmpdir(), 'dlkb-sqlite-sql-'));
  dirs.push(dir);
  const file = join(dir, 'test.sqlite');
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  const guard = fileWriteGuard(file);
  const counter = { guarded: 0 };
  const write: WriteGuard = (fn) => {
    counter.guarded += 1;
    return guard(fn);
  };
  const db = sqliteSql(raw, { write, exclusive: new Exclusive() });
  return { raw, db, file, counter };
}

describe('sqliteSql: the SqlDatabase contract', () => {
  sqlContract(async () => {
    const { raw, db } = openFile();
    return { db, close: async () => void raw.close() };
  });
});

describe('sqliteSql', () => {
  it('guards each write outside a transaction, and a transaction once, at its commit', async () => {
    const { raw, db, counter } = openFile();
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    counter.guarded = 0;
    await db.run('INSERT INTO t (id) VALUES (?)', [1]);
    await db.run('INSERT INTO t (id) VALUES (?)', [2]);
    await db.all('SELECT id FROM t');
    expect(counter.guarded).toBe(2);
    counter.guarded = 0;
    await db.transaction(async () => {
      for (let id = 3; id < 10; id += 1) await db.run('INSERT INTO t (id) VALUES (?)', [id]);
    });
    expect(counter.guarded).toBe(1);
    expect(await db.get('SELECT COUNT(*) AS n FROM t')).toEqual({ n: 9 });
    raw.close();
  });

  it('a write SQLite refuses is a StoreWriteError, inside a transaction too (which then rolls back)', async () => {
    const { raw, db, file } = openFile();
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await db.run('INSERT INTO t (id) VALUES (1)');
    const outside = db.run('INSERT INTO t (id) VALUES (1)');
    await expect(outside).rejects.toBeInstanceOf(StoreWriteError);
    const inside = db.transaction(async () => {
      await db.run('INSERT INTO t (id) VALUES (2)');
      await db.run('INSERT INTO t (id) VALUES (1)');
    });
    await expect(inside).rejects.toSatisfy((e) => e instanceof StoreWriteError && e.path === file);
    expect(await db.all('SELECT id FROM t')).toEqual([{ id: 1 }]);
    expect(raw.inTransaction).toBe(false);
    raw.close();
  });

  it('a commit into a file deleted meanwhile fails as a StoreWriteError', async () => {
    const { raw, db, file } = openFile();
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const write = db.transaction(async () => {
      await db.run('INSERT INTO t (id) VALUES (1)');
      rmSync(file);
    });
    await expect(write).rejects.toBeInstanceOf(StoreWriteError);
    expect(raw.inTransaction).toBe(false);
    raw.close();
  });

  it('prepares each SQL text once', async () => {
    const { raw, db } = openFile();
    const prepare = raw.prepare.bind(raw);
    let prepared = 0;
    raw.prepare = ((sql: string) => {
      prepared += 1;
      return prepare(sql);
    }) as typeof raw.prepare;
    for (let i = 0; i < 5; i += 1) await db.get('SELECT ? AS v', [i]);
    expect(prepared).toBe(1);
    raw.close();
  });
});
