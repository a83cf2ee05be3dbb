/**
 * Writes that do not reach the database. The file deleted while the bot runs, or a full disk (SQLite's
 * own limit on the file's pages, `max_page_count`, fills it for real): a command whose write is its
 * purpose says it did not save, and a restart agrees; a command whose write is only history answers
 * anyway, and the skipped write is logged and counted.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Router } from '../../src/app/router.ts';
import { type AppSqliteStore, openAppStore } from '../../src/app/store.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import { FEATURE_PARTS } from '../../src/features/parts.ts';
import type { Command } from '../../src/kernel/command.ts';
import type { Services } from '../../src/kernel/context.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import { allButtons, isActionButton } from '../../src/kernel/reply.ts';
import type { Origin } from '../../src/kernel/router.ts';
import { DATABASE_FILE, sqliteStoreOf } from '../../src/store/sqlite.ts';
import { Clock, tempDir, withScheduler } from '../daily/helpers.ts';
import { capturedLogger } from './helpers.ts';

let commands: Command[];
beforeAll(async () => {
  commands = await loadCommands();
});

const here: Origin = {
  platform: 'telegram',
  chat: { id: '1001', kind: 'private' },
  user: { id: '1001', admin: true },
  locale: 'en',
};

const NOT_SAVED = /Not saved/;

describe('writes that do not reach the database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: AppSqliteStore;
  let services: Services;
  let daily: DailyScheduler;
  let router: Router;
  let log: ReturnType<typeof capturedLogger>;
  let skipped: string[];

  function boot(opened: AppSqliteStore): void {
    store = opened;
    ({ services, daily } = withScheduler(store, new Clock('2025-06-01T00:30:00Z')));
    log = capturedLogger();
    services.log = log.log;
    skipped = [];
    services.onWriteSkipped = (what) => skipped.push(what);
    router = new Router(commands, services);
  }

  /** A store whose file may not grow: every write that needs more room fails with SQLITE_FULL. */
  function fullStore(): AppSqliteStore {
    const file = join(tmp.dir, DATABASE_FILE);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    const store = sqliteStoreOf(db, file, FEATURE_PARTS);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    // Fill the room there is, with smaller and smaller rows, in the tables the commands write.
    const quiz = db.prepare('INSERT INTO quiz_recent (chat_key, entry_ids) VALUES (?, ?)');
    const review = db.prepare(
      "INSERT INTO reviews (user_key, entry_id, card, due, reps, last_rating, updated_at) VALUES (?, 'e', ?, 0, 1, 3, 0)",
    );
    let n = 0;
    for (const insert of [quiz, review])
      for (const size of [400, 40, 1])
        for (;;) {
          try {
            insert.run(`f${n++}`, 'x'.repeat(size));
          } catch {
            break;
          }
        }
    return store;
  }

  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(async () => {
    await daily.stop();
    await store.close();
    tmp.remove();
  });

  it('/daily subscribe on a deleted database file says nothing was saved, and a restart agrees', async () => {
    boot(openAppStore(tmp.dir));
    rmSync(join(tmp.dir, DATABASE_FILE));
    const reply = await router.invokeText('/daily subscribe 10:00', here);
    expect(reply?.body).toMatch(NOT_SAVED);
    expect(reply?.title).toBeUndefined();
    await store.close();
    const restarted = openAppStore(tmp.dir);
    expect(await restarted.daily.getSubscription('telegram:1001')).toBeUndefined();
    await restarted.close();
  });

  it('a rating on a deleted database file is not reported as saved', async () => {
    boot(openAppStore(tmp.dir));
    const id = services.kb.entries[0]?.id ?? '';
    rmSync(join(tmp.dir, DATABASE_FILE));
    const reply = await router.press(`review:rate:${id}:3`, here);
    expect(reply.body).toMatch(NOT_SAVED);
    expect(reply.body).not.toMatch(/Saved:/);
  });

  it('/quiz and its next button answer on a full disk; the skipped history write is logged and counted', async () => {
    boot(fullStore());
    await expect(store.quiz.remember('telegram:1001', 'a', 1)).rejects.toThrow();
    const quiz = await router.invokeText('/quiz', here);
    expect(quiz?.title).toMatch(/^Quiz · /);
    const next = await router.press('quiz:next', here);
    expect(next.title).toMatch(/^Quiz · /);
    expect(skipped).toEqual(['quiz-history', 'quiz-history']);
    const warnings = log.lines().filter((l) => l.write === 'quiz-history');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ level: 40 });
  });

  it('a rating on a full disk says it was not saved instead of apologising', async () => {
    boot(fullStore());
    const id = services.kb.entries[0]?.id ?? '';
    const reply = await router.press(`review:rate:${id}:3`, here);
    expect(reply.body).toMatch(NOT_SAVED);
    expect(await store.reviews.get('telegram:1001', id)).toBeUndefined();
  });

  it('an answer whose review cannot be written is recorded anyway, and the skipped review counted', async () => {
    const file = join(tmp.dir, DATABASE_FILE);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    boot(sqliteStoreOf(db, file, FEATURE_PARTS));
    db.exec("CREATE TRIGGER no_reviews BEFORE INSERT ON reviews BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const asked = await router.invokeText('/mcq', here);
    const press = allButtons(asked ?? {})
      .filter(isActionButton)
      .map((b) => b.action)
      .find((a) => a.startsWith('mcq:a:'));
    const reply = await router.press(press ?? '', here);
    expect(reply.body).toMatch(/^(✅|❌)/);
    expect(skipped).toEqual(['mcq-review']);
    // The answer's write and the review's share a transaction; the review's failure did not undo it.
    expect(await store.answers.answersIn('telegram:1001')).toHaveLength(1);
    expect(await store.reviews.records('telegram:1001')).toEqual([]);
    const again = await router.press(press ?? '', here);
    expect(again.body).toMatch(/already answered/);
  });
});
