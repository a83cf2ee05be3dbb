import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppSqliteStore, openAppStore } from '../../src/app/store.ts';
import { backupNow, backupOnSignal } from '../../src/ops/backup.ts';
import { reportsBackedUp, serviceReports } from '../../src/ops/reports.ts';
import { memoryLogger } from './logs.ts';

let dir: string;
let store: AppSqliteStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dlkb-backup-'));
  store = openAppStore(join(dir, 'data'));
  await store.quiz.remember('telegram:1', 'softmax', 5);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function quizRows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM quiz_recent').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('backups while running', () => {
  it('copies the open, exclusively locked database into a complete file', async () => {
    const file = await backupNow(store, join(dir, 'backups'), { now: new Date('2026-03-01T08:09:10.123Z') });
    expect(file).toBe(join(dir, 'backups', 'dlkb-20260301T080910123Z.sqlite'));
    expect(quizRows(file)).toBe(1);
    expect(existsSync(`${file}.partial`)).toBe(false);
    // The store keeps working after the copy.
    await store.quiz.remember('telegram:2', 'attention', 5);
    expect(await store.quiz.recent('telegram:2')).toEqual(['attention']);
  });

  it('keeps the newest backups only, and leaves other files alone', async () => {
    const backups = join(dir, 'backups');
    await backupNow(store, backups, { now: new Date('2026-03-01T00:00:00Z') });
    writeFileSync(join(backups, 'notes.txt'), 'mine');
    for (const day of ['02', '03', '04']) {
      await backupNow(store, backups, { now: new Date(`2026-03-${day}T00:00:00Z`), keep: 2 });
    }
    expect(readdirSync(backups).sort()).toEqual([
      'dlkb-20260303T000000000Z.sqlite',
      'dlkb-20260304T000000000Z.sqlite',
      'notes.txt',
    ]);
  });

  it('makes one on SIGUSR2 and logs where, and stop() waits for it', async () => {
    const { log, lines } = memoryLogger('info');
    const proc = new EventEmitter();
    const backups = backupOnSignal(store, join(dir, 'backups'), log, proc);
    proc.emit('SIGUSR2');
    proc.emit('SIGUSR2');
    await backups.stop();
    expect(proc.listenerCount('SIGUSR2')).toBe(0);
    const files = readdirSync(join(dir, 'backups'));
    expect(files).toHaveLength(1);
    expect(lines().some((l) => l.includes('backup written') && l.includes(files[0] ?? '?'))).toBe(true);
    expect(lines().some((l) => l.includes('already running'))).toBe(true);
  });

  it('logs a failed backup, and a later signal tries again', async () => {
    const { log, lines } = memoryLogger('info');
    const proc = new EventEmitter();
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    const backups = backupOnSignal(store, blocked, log, proc);
    proc.emit('SIGUSR2');
    await new Promise((r) => setTimeout(r, 50));
    expect(lines().some((l) => l.includes('backup failed'))).toBe(true);
    rmSync(blocked);
    proc.emit('SIGUSR2');
    await backups.stop();
    expect(readdirSync(blocked)).toHaveLength(1);
  });

  it('copies reports.sqlite with the database, under the same time, and keeps the newest of each', async () => {
    const dataDir = join(dir, 'data');
    const lifecycle = { defer: (_name: string, run: () => unknown) => void closers.push(run) };
    const closers: (() => unknown)[] = [];
    const reports = await serviceReports({ dataDir }, { sqlite: store }, lifecycle);
    if (!reports) throw new Error('no reports store');
    await reports.add({
      entryId: 'nms',
      platform: 'telegram',
      chatKey: 'telegram:1',
      userKey: 'telegram:2',
      text: 'point 2 is wrong',
      createdAt: 1,
    });
    const { log } = memoryLogger('info');
    const proc = new EventEmitter();
    const backups = join(dir, 'backups');
    const running = backupOnSignal(store, backups, log, proc, reportsBackedUp(reports));
    proc.emit('SIGUSR2');
    await running.stop();
    const files = readdirSync(backups).sort();
    expect(files).toHaveLength(2);
    const [main, copy] = files;
    expect(main).toMatch(/^dlkb-\d{8}T\d{9}Z\.sqlite$/);
    expect(copy).toBe(main?.replace('dlkb-', 'reports-'));
    const db = new Database(join(backups, copy ?? ''), { readonly: true });
    try {
      expect(db.prepare('SELECT text FROM reports').all()).toEqual([{ text: 'point 2 is wrong' }]);
    } finally {
      db.close();
    }
    const pruned = join(dir, 'pruned');
    for (const day of ['02', '03', '04'])
      await backupNow(store, pruned, {
        now: new Date(`2026-03-${day}T00:00:00Z`),
        keep: 2,
        also: reportsBackedUp(reports),
      });
    expect(readdirSync(pruned).sort()).toEqual([
      'dlkb-20260303T000000000Z.sqlite',
      'dlkb-20260304T000000000Z.sqlite',
      'reports-20260303T000000000Z.sqlite',
      'reports-20260304T000000000Z.sqlite',
    ]);
    for (const close of closers) await close();
  });
});
