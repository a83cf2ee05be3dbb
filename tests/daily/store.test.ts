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

const kinds: [string, () => { store: Store; done: () => void }][] = [
  ['memory', () => ({ store: memoryAppStore(), done: () => {} })],
  [
    'sqlite',
    () => {
      const tmp = tempDir();
      const store = openAppStore(tmp.dir);
      return {
        store,
        done: () => {
          store.close();
          tmp.remove();
        },
      };
    },
  ],
];

describe.each(kinds)('%s store', (_name, make) => {
  let store: Store;
  let done: () => void;
  beforeEach(() => {
    ({ store, done } = make());
  });
  afterEach(() => done());

  it('stores, lists, replaces and deletes subscriptions', () => {
    store.daily.putSubscription(subscription('1'));
    store.daily.putSubscription(subscription('2', { category: 'ml', disabledAt: 5 }));
    store.daily.putSubscription(subscription('1', { time: '21:30' }));
    expect(store.daily.getSubscription('telegram:1')?.time).toBe('21:30');
    expect(store.daily.listSubscriptions().map((s) => s.chatKey)).toEqual(['telegram:1', 'telegram:2']);
    expect(store.daily.getSubscription('telegram:2')).toEqual(
      subscription('2', { category: 'ml', disabledAt: 5 }),
    );
    expect(store.daily.deleteSubscription('telegram:1')).toBe(true);
    expect(store.daily.deleteSubscription('telegram:1')).toBe(false);
    expect(store.daily.getSubscription('telegram:1')).toBeUndefined();
  });

  it('records a delivery only once per chat, slot and kind', () => {
    expect(store.daily.insertDelivery(delivery('telegram:1', '2025-06-01'))).toBe(true);
    expect(store.daily.insertDelivery(delivery('telegram:1', '2025-06-01', { entryId: 'other' }))).toBe(
      false,
    );
    expect(store.daily.insertDelivery(delivery('telegram:1', '2025-06-01', { kind: 'reveal' }))).toBe(true);
    expect(store.daily.insertDelivery(delivery('telegram:2', '2025-06-01'))).toBe(true);
    expect(
      store.daily.getDelivery({ chatKey: 'telegram:1', slot: '2025-06-01', kind: 'post' })?.entryId,
    ).toBe('dropout');
    expect([...store.daily.chatsWithDelivery('post', '2025-06-01')].sort()).toEqual([
      'telegram:1',
      'telegram:2',
    ]);
  });

  it('updates a delivery only from the expected statuses (compare and set)', () => {
    const key = { chatKey: 'telegram:1', slot: 's', kind: 'post' as const };
    store.daily.insertDelivery(delivery('telegram:1', 's'));
    expect(store.daily.updateDelivery(key, ['retry'], { status: 'sent' })).toBe(false);
    expect(
      store.daily.updateDelivery(key, ['sending'], { status: 'sent', messageId: '42', updatedAt: 9 }),
    ).toBe(true);
    expect(store.daily.updateDelivery(key, ['sending'], { status: 'failed' })).toBe(false);
    expect(store.daily.getDelivery(key)).toMatchObject({
      status: 'sent',
      messageId: '42',
      updatedAt: 9,
      attempts: 1,
    });
  });

  it('finds deliveries by status, oldest due first, and a chat’s latest', () => {
    store.daily.insertDelivery(delivery('telegram:1', 'b', { status: 'retry', dueAt: 20 }));
    store.daily.insertDelivery(delivery('telegram:1', 'a', { status: 'due', dueAt: 10 }));
    store.daily.insertDelivery(delivery('telegram:2', 'c', { status: 'sent', dueAt: 30 }));
    expect(store.daily.deliveriesByStatus(['due', 'retry']).map((d) => d.slot)).toEqual(['a', 'b']);
    expect(store.daily.recentDeliveries('telegram:1', 1).map((d) => d.slot)).toEqual(['b']);
  });

  it('prunes old finished deliveries only', () => {
    store.daily.insertDelivery(delivery('telegram:1', 'old-sent', { status: 'sent', dueAt: 10 }));
    store.daily.insertDelivery(delivery('telegram:1', 'old-retry', { status: 'retry', dueAt: 10 }));
    store.daily.insertDelivery(
      delivery('telegram:1', 'old-due', { status: 'due', dueAt: 10, kind: 'reveal' }),
    );
    store.daily.insertDelivery(delivery('telegram:1', 'new-sent', { status: 'sent', dueAt: 100 }));
    expect(store.daily.pruneDeliveries(50)).toBe(1);
    expect(
      store.daily
        .recentDeliveries('telegram:1', 10)
        .map((d) => d.slot)
        .sort(),
    ).toEqual(['new-sent', 'old-due', 'old-retry']);
  });

  it('keeps rotations and quiz history', () => {
    store.daily.putRotation('telegram:1', { round: 2, category: 'ml', order: ['a', 'b'], position: 1 });
    expect(store.daily.getRotation('telegram:1')).toEqual({
      round: 2,
      category: 'ml',
      order: ['a', 'b'],
      position: 1,
    });
    store.quiz.remember('telegram:1', 'x', 2);
    store.quiz.remember('telegram:1', 'y', 2);
    store.quiz.remember('telegram:1', 'z', 2);
    expect(store.quiz.recent('telegram:1')).toEqual(['z', 'y']);
  });

  it('moves everything of a chat to its new key (group → supergroup)', () => {
    store.daily.putSubscription(subscription('-1'));
    store.daily.putRotation('telegram:-1', { round: 1, category: null, order: ['a'], position: 1 });
    store.daily.insertDelivery(delivery('telegram:-1', '2025-06-01'));
    store.quiz.remember('telegram:-1', 'q', 3);
    store.migrateChat(chatKey('telegram', '-1'), chatKey('telegram', '-1001'));
    expect(store.daily.getSubscription('telegram:-1')).toBeUndefined();
    expect(store.daily.getSubscription('telegram:-1001')).toMatchObject({
      chatKey: 'telegram:-1001',
      chatId: '-1001',
    });
    expect(store.daily.getRotation('telegram:-1001')?.order).toEqual(['a']);
    expect(store.daily.chatsWithDelivery('post', '2025-06-01')).toEqual(new Set(['telegram:-1001']));
    expect(store.quiz.recent('telegram:-1001')).toEqual(['q']);
  });
});

describe('sqlite store file', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('creates the data folder and a WAL database at the current schema on first use', () => {
    const dir = join(tmp.dir, 'nested', 'data');
    openAppStore(dir).close();
    const db = new Database(join(dir, DATABASE_FILE));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps its rows across reopening', () => {
    const a = openAppStore(tmp.dir);
    a.daily.putSubscription(subscription('1'));
    a.close();
    const b = openAppStore(tmp.dir);
    expect(b.daily.getSubscription('telegram:1')).toEqual(subscription('1'));
    b.close();
  });

  it('rolls a failed transaction back', () => {
    const store = openAppStore(tmp.dir);
    expect(() =>
      store.transaction(() => {
        store.daily.putSubscription(subscription('1'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.daily.getSubscription('telegram:1')).toBeUndefined();
    store.close();
  });

  it('upgrades a version-1 file without losing its rows', () => {
    const db = new Database(join(tmp.dir, DATABASE_FILE));
    migrate(db, 1);
    db.prepare('INSERT INTO quiz_recent (chat_key, entry_ids) VALUES (?, ?)').run(
      'discord:7',
      JSON.stringify(['dropout', 'batch-norm']),
    );
    expect(schemaVersion(db)).toBe(1);
    db.close();

    const store = openAppStore(tmp.dir);
    expect(store.quiz.recent('discord:7')).toEqual(['dropout', 'batch-norm']);
    store.daily.putSubscription(subscription('7', { platform: 'discord' }));
    expect(store.daily.getSubscription('discord:7')?.time).toBe('09:00');
    store.close();
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
    store.daily.putSubscription(subscription('1'));
    mkdirSync(join(tmp.dir, 'copy'));
    await store.backup(join(tmp.dir, 'copy', DATABASE_FILE));
    store.close();
    const copy = openAppStore(join(tmp.dir, 'copy'));
    expect(copy.daily.getSubscription('telegram:1')).toEqual(subscription('1'));
    copy.close();
  });

  it('refuses a second process on the same file', () => {
    const first = openAppStore(tmp.dir);
    expect(catchError(() => openAppStore(tmp.dir, { busyTimeoutMs: 10 })).message).toMatch(/in use/);
    first.close();
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
