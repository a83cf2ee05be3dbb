/**
 * The store assembled from the features' parts: what one part writes survives closing and reopening the
 * SQLite file, a chat migration moves every part's rows, a transaction spans the parts, and a file written
 * before parts had versions of their own opens with all its rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import { memoryAppStore, openAppStore } from '../../src/app/store.ts';
import type { Store } from '../../src/features/parts.ts';
import { chatKey, userKey } from '../../src/kernel/identity.ts';
import { memoryStore } from '../../src/store/memory.ts';
import { storePart } from '../../src/store/part.ts';
import { DATABASE_FILE, openSqliteStore } from '../../src/store/sqlite.ts';
import { answer } from './contract/answers.ts';
import { migrate, SCHEMA_VERSION } from './legacy-schema.ts';

const OLD = chatKey('telegram', '-1');
const NEW = chatKey('telegram', '-1001');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlkb-parts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Rows in every part under chat `OLD`. */
async function fill(store: Store): Promise<void> {
  await store.answers.record(answer({ chatKey: OLD }));
  await store.quiz.remember(OLD, 'q', 3);
  await store.daily.putRotation(OLD, { round: 1, category: null, order: ['a'], position: 1 });
}

describe('the SQLite store of every feature part', () => {
  it('keeps answers (the /top and /stats ledger) and active days across closing and reopening', async () => {
    const first = openAppStore(dir);
    const services = createServices({ store: first });
    expect(await services.scores.record(answer())).toBe(true);
    await services.scores.markActive(userKey('telegram', '1'), '2026-03-02', 'answer');
    await first.close();
    const again = openAppStore(dir);
    expect(await again.answers.answersIn(answer().chatKey)).toEqual([answer()]);
    expect(await again.answers.record(answer())).toBe(false);
    expect(await again.answers.activeDays(userKey('telegram', '1'))).toEqual(['2026-03-02']);
    await again.close();
  });

  it('rolls a failed transaction back in every part', async () => {
    const store = openAppStore(dir);
    await expect(
      store.transaction(async () => {
        await fill(store);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.answers.answersIn(OLD)).toEqual([]);
    expect(await store.quiz.recent(OLD)).toEqual([]);
    expect(await store.daily.getRotation(OLD)).toBeUndefined();
    await store.close();
  });

  it('opens a file written with the single-version schema, every row kept, and records each part’s version', async () => {
    const file = join(dir, DATABASE_FILE);
    const db = new Database(file);
    migrate(db);
    db.prepare('INSERT INTO quiz_recent (chat_key, entry_ids) VALUES (?, ?)').run('discord:7', '["nms"]');
    db.prepare(
      `INSERT INTO daily_rotations (chat_key, round, category, entry_ids, position) VALUES ('discord:7', 2, 'ml', '["a","b"]', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO daily_subscriptions (chat_key, platform, chat_id, time, timezone, reveal_after_hours, locale, active_from)
       VALUES ('discord:7', 'discord', '7', '09:00', 'UTC', 8, 'en', 0)`,
    ).run();
    db.prepare(
      "INSERT INTO reviews (user_key, entry_id, card, due, reps, last_rating, updated_at) VALUES ('discord:9', 'nms', '{}', 5, 1, 3, 4)",
    ).run();
    db.close();

    const store = openAppStore(dir);
    expect(await store.quiz.recent('discord:7')).toEqual(['nms']);
    expect(await store.daily.getRotation('discord:7')).toEqual({
      round: 2,
      category: 'ml',
      order: ['a', 'b'],
      position: 1,
    });
    // The daily part's second migration (#15) gives old subscriptions a thread and no role ping.
    expect(await store.daily.getSubscription('discord:7')).toMatchObject({
      time: '09:00',
      thread: 'on',
      threadArchiveMinutes: 1440,
      roleId: null,
      format: 'flashcard',
      pick: 'rotation',
      digest: null,
    });
    expect(await store.reviews.stats('discord:9', 10)).toEqual({ total: 1, due: 1, nextDue: null });
    expect(await store.answers.record(answer())).toBe(true);
    await store.close();

    const check = new Database(file);
    const versions = check.prepare('SELECT name, version FROM store_parts ORDER BY name').all();
    expect(versions).toEqual([
      { name: 'answers', version: 2 },
      { name: 'closings', version: 1 },
      { name: 'daily', version: 5 },
      { name: 'dailyRatings', version: 1 },
      { name: 'keyPoints', version: 1 },
      { name: 'links', version: 1 },
      { name: 'plans', version: 1 },
      { name: 'polls', version: 1 },
      { name: 'quiz', version: 1 },
      { name: 'reminders', version: 1 },
      { name: 'reviews', version: 1 },
      { name: 'rounds', version: 1 },
      { name: 'updates', version: 2 },
    ]);
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
    // Opened again: nothing migrates twice.
    const reopened = openAppStore(dir);
    expect(await reopened.answers.answersIn(answer().chatKey)).toEqual([answer()]);
    await reopened.close();
  });

  it('migrates a part with a new migration, and refuses a file where a part is newer than it knows', async () => {
    const v1 = storePart({
      name: 'notes',
      migrations: ['CREATE TABLE notes (chat_key TEXT PRIMARY KEY, body TEXT)'],
      sql: () => ({ moveChat: async () => {}, moveUser: async () => {} }),
      memory: () => ({ moveChat: async () => {}, moveUser: async () => {} }),
    });
    await openSqliteStore(dir, [v1]).close();
    const v2 = { ...v1, migrations: [...v1.migrations, 'ALTER TABLE notes ADD COLUMN at INTEGER'] };
    const store = openSqliteStore(dir, [v2]);
    await store.close();
    const db = new Database(join(dir, DATABASE_FILE));
    expect(
      db
        .prepare('SELECT * FROM notes')
        .columns()
        .map((c) => c.name),
    ).toEqual(['chat_key', 'body', 'at']);
    db.close();
    expect(() => openSqliteStore(dir, [v1])).toThrow(/newer dlkb/);
  });
});

describe.each([
  ['memory', () => memoryAppStore()],
  ['sqlite', () => openAppStore(dir)],
] as const)('the %s store of every feature part', (_name, make) => {
  it('moves every part’s rows of a chat to its new key (group → supergroup)', async () => {
    const store = make();
    await fill(store);
    await store.migrateChat(OLD, NEW);
    expect(await store.answers.answersIn(OLD)).toEqual([]);
    expect(await store.answers.answersIn(NEW)).toEqual([answer({ chatKey: NEW })]);
    expect(await store.quiz.recent(NEW)).toEqual(['q']);
    expect((await store.daily.getRotation(NEW))?.order).toEqual(['a']);
    expect(await store.daily.getRotation(OLD)).toBeUndefined();
    await store.close();
  });
});

describe('assembly', () => {
  it('refuses two parts of the same name, or a name the store itself uses', () => {
    const part = (name: string) =>
      storePart({
        name,
        migrations: [],
        sql: () => ({ async moveChat() {}, async moveUser() {} }),
        memory: () => ({ async moveChat() {}, async moveUser() {} }),
      });
    expect(() => memoryStore([part('a'), part('a')])).toThrow(/taken/);
    expect(() => memoryStore([part('transaction')])).toThrow(/taken/);
  });
});
