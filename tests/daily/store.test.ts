import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryAppStore, openAppStore } from '../../src/app/store.ts';
import type { Delivery } from '../../src/features/daily/store.ts';
import type { Store } from '../../src/features/parts.ts';
import { chatKey } from '../../src/kernel/identity.ts';
import { DATABASE_FILE } from '../../src/store/sqlite.ts';
import { StoreError } from '../../src/store/store.ts';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../store/legacy-schema.ts';
import { subscription, tempDir } from './helpers.ts';

function delivery(chatKey: string, slot: string, over: Partial<Delivery> = {}): Delivery {
  return {
    chatKey,
    slot,
    kind: 'post',
    entryId: 'dropout',
    status: 'sending',
    dueAt: 1000,
    attempts: 1,
    nextAttemptAt: null,
    messageId: null,
    replyTo: null,
    error: null,
    updatedAt: 1000,
    threadId: null,
    threadUrl: null,
    threadSkip: null,
    questionId: null,
    ...over,
  };
}

const kinds: [string, () => { store: Store; done: () => Promise<void> | void }][] = [
  ['memory', () => ({ store: memoryAppStore(), done: () => {} })],
  [
    'sqlite',
    () => {
      const tmp = tempDir();
      const store = openAppStore(tmp.dir);
      return {
        store,
        done: async () => {
          await store.close();
          tmp.remove();
        },
      };
    },
  ],
];

describe.each(kinds)('%s store', (_name, make) => {
  let store: Store;
  let done: () => Promise<void> | void;
  beforeEach(() => {
    ({ store, done } = make());
  });
  afterEach(() => done());

  it('stores, lists, replaces and deletes subscriptions', async () => {
    await store.daily.putSubscription(subscription('1'));
    await store.daily.putSubscription(subscription('2', { category: 'ml', disabledAt: 5 }));
    await store.daily.putSubscription(subscription('1', { time: '21:30' }));
    expect((await store.daily.getSubscription('telegram:1'))?.time).toBe('21:30');
    expect((await store.daily.listSubscriptions()).map((s) => s.chatKey)).toEqual([
      'telegram:1',
      'telegram:2',
    ]);
    expect(await store.daily.getSubscription('telegram:2')).toEqual(
      subscription('2', { category: 'ml', disabledAt: 5 }),
    );
    expect(await store.daily.deleteSubscription('telegram:1')).toBe(true);
    expect(await store.daily.deleteSubscription('telegram:1')).toBe(false);
    expect(await store.daily.getSubscription('telegram:1')).toBeUndefined();
  });

  it('records a delivery only once per chat, slot and kind', async () => {
    expect(await store.daily.insertDelivery(delivery('telegram:1', '2025-06-01'))).toBe(true);
    expect(await store.daily.insertDelivery(delivery('telegram:1', '2025-06-01', { entryId: 'other' }))).toBe(
      false,
    );
    expect(await store.daily.insertDelivery(delivery('telegram:1', '2025-06-01', { kind: 'reveal' }))).toBe(
      true,
    );
    expect(await store.daily.insertDelivery(delivery('telegram:2', '2025-06-01'))).toBe(true);
    expect(
      (await store.daily.getDelivery({ chatKey: 'telegram:1', slot: '2025-06-01', kind: 'post' }))?.entryId,
    ).toBe('dropout');
    expect([...(await store.daily.chatsWithDelivery('post', '2025-06-01'))].sort()).toEqual([
      'telegram:1',
      'telegram:2',
    ]);
  });

  it('updates a delivery only from the expected statuses (compare and set)', async () => {
    const key = { chatKey: 'telegram:1', slot: 's', kind: 'post' as const };
    await store.daily.insertDelivery(delivery('telegram:1', 's'));
    expect(await store.daily.updateDelivery(key, ['retry'], { status: 'sent' })).toBe(false);
    expect(
      await store.daily.updateDelivery(key, ['sending'], { status: 'sent', messageId: '42', updatedAt: 9 }),
    ).toBe(true);
    expect(await store.daily.updateDelivery(key, ['sending'], { status: 'failed' })).toBe(false);
    expect(await store.daily.getDelivery(key)).toMatchObject({
      status: 'sent',
      messageId: '42',
      updatedAt: 9,
      attempts: 1,
    });
  });

  it('finds deliveries by status, oldest due first, and a chat’s latest', async () => {
    await store.daily.insertDelivery(delivery('telegram:1', 'b', { status: 'retry', dueAt: 20 }));
    await store.daily.insertDelivery(delivery('telegram:1', 'a', { status: 'due', dueAt: 10 }));
    await store.daily.insertDelivery(delivery('telegram:2', 'c', { status: 'sent', dueAt: 30 }));
    expect((await store.daily.deliveriesByStatus(['due', 'retry'])).map((d) => d.slot)).toEqual(['a', 'b']);
    expect((await store.daily.recentDeliveries('telegram:1', 1)).map((d) => d.slot)).toEqual(['b']);
  });

  it('prunes old finished deliveries only', async () => {
    await store.daily.insertDelivery(delivery('telegram:1', 'old-sent', { status: 'sent', dueAt: 10 }));
    await store.daily.insertDelivery(delivery('telegram:1', 'old-retry', { status: 'retry', dueAt: 10 }));
    await store.daily.insertDelivery(
      delivery('telegram:1', 'old-due', { status: 'due', dueAt: 10, kind: 'reveal' }),
    );
    await store.daily.insertDelivery(delivery('telegram:1', 'new-sent', { status: 'sent', dueAt: 100 }));
    expect(await store.daily.pruneDeliveries(50)).toBe(1);
    expect((await store.daily.recentDeliveries('telegram:1', 10)).map((d) => d.slot).sort()).toEqual([
      'new-sent',
      'old-due',
      'old-retry',
    ]);
  });

  it('keeps rotations and quiz history', async () => {
    await store.daily.putRotation('telegram:1', { round: 2, category: 'ml', order: ['a', 'b'], position: 1 });
    expect(await store.daily.getRotation('telegram:1')).toEqual({
      round: 2,
      category: 'ml',
      order: ['a', 'b'],
      position: 1,
    });
    await store.quiz.remember('telegram:1', 'x', 2);
    await store.quiz.remember('telegram:1', 'y', 2);
    await store.quiz.remember('telegram:1', 'z', 2);
    expect(await store.quiz.recent('telegram:1')).toEqual(['z', 'y']);
  });

  it('moves everything of a chat to its new key (group → supergroup)', async () => {
    await store.daily.putSubscription(subscription('-1'));
    await store.daily.putRotation('telegram:-1', { round: 1, category: null, order: ['a'], position: 1 });
    await store.daily.insertDelivery(delivery('telegram:-1', '2025-06-01'));
    await store.quiz.remember('telegram:-1', 'q', 3);
    await store.migrateChat(chatKey('telegram', '-1'), chatKey('telegram', '-1001'));
    expect(await store.daily.getSubscription('telegram:-1')).toBeUndefined();
    expect(await store.daily.getSubscription('telegram:-1001')).toMatchObject({
      chatKey: 'telegram:-1001',
      chatId: '-1001',
    });
    expect((await store.daily.getRotation('telegram:-1001'))?.order).toEqual(['a']);
    expect(await store.daily.chatsWithDelivery('post', '2025-06-01')).toEqual(new Set(['telegram:-1001']));
    expect(await store.quiz.recent('telegram:-1001')).toEqual(['q']);
  });
});

describe('sqlite store file', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('creates the data folder and a WAL database at the current schema on first use', async () => {
    const dir = join(tmp.dir, 'nested', 'data');
    await openAppStore(dir).close();
    const db = new Database(join(dir, DATABASE_FILE));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps its rows across reopening', async () => {
    const a = openAppStore(tmp.dir);
    await a.daily.putSubscription(subscription('1'));
    await a.close();
    const b = openAppStore(tmp.dir);
    expect(await b.daily.getSubscription('telegram:1')).toEqual(subscription('1'));
    await b.close();
  });

  it('rolls a failed transaction back', async () => {
    const store = openAppStore(tmp.dir);
    await expect(
      store.transaction(async () => {
        await store.daily.putSubscription(subscription('1'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.daily.getSubscription('telegram:1')).toBeUndefined();
    await store.close();
  });

  it('upgrades a version-1 file without losing its rows', async () => {
    const db = new Database(join(tmp.dir, DATABASE_FILE));
    migrate(db, 1);
    db.prepare('INSERT INTO quiz_recent (chat_key, entry_ids) VALUES (?, ?)').run(
      'discord:7',
      JSON.stringify(['dropout', 'batch-norm']),
    );
    expect(schemaVersion(db)).toBe(1);
    db.close();

    const store = openAppStore(tmp.dir);
    expect(await store.quiz.recent('discord:7')).toEqual(['dropout', 'batch-norm']);
    await store.daily.putSubscription(subscription('7', { platform: 'discord' }));
    expect((await store.daily.getSubscription('discord:7'))?.time).toBe('09:00');
    await store.close();
    const check = new Database(join(tmp.dir, DATABASE_FILE));
    expect(schemaVersion(check)).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('refuses a corrupt file with a message naming it and what to do', () => {
    writeFileSync(join(tmp.dir, DATABASE_FILE), 'this is not sqlite '.repeat(300));
    const error = catchError(() => openAppStore(tmp.dir));
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toContain(join(tmp.dir, DATABASE_FILE));
    expect(error.message).toMatch(/move the file away/);
  });

  it('refuses a file from a newer dlkb', () => {
    const db = new Database(join(tmp.dir, DATABASE_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(catchError(() => openAppStore(tmp.dir)).message).toMatch(/newer dlkb/);
  });

  it('refuses a data folder that is a file, and a database path that cannot be written', () => {
    writeFileSync(join(tmp.dir, 'plain'), 'x');
    const notDir = catchError(() => openAppStore(join(tmp.dir, 'plain')));
    expect(notDir).toBeInstanceOf(StoreError);
    expect(notDir.message).toMatch(/DLKB_DATA_DIR/);
    mkdirSync(join(tmp.dir, 'd', DATABASE_FILE), { recursive: true });
    const unwritable = catchError(() => openAppStore(join(tmp.dir, 'd')));
    expect(unwritable.message).toMatch(/Cannot write .*dlkb\.sqlite/);
  });

  it('backs up while open, to a file another store can open', async () => {
    const store = openAppStore(join(tmp.dir, 'live'));
    await store.daily.putSubscription(subscription('1'));
    mkdirSync(join(tmp.dir, 'copy'));
    await store.backup(join(tmp.dir, 'copy', DATABASE_FILE));
    await store.close();
    const copy = openAppStore(join(tmp.dir, 'copy'));
    expect(await copy.daily.getSubscription('telegram:1')).toEqual(subscription('1'));
    await copy.close();
  });

  it('refuses a second process on the same file', async () => {
    const first = openAppStore(tmp.dir);
    expect(catchError(() => openAppStore(tmp.dir, { busyTimeoutMs: 10 })).message).toMatch(/in use/);
    await first.close();
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
