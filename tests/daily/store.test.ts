import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory.ts';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../src/store/migrations.ts';
import { DATABASE_FILE, openSqliteStore } from '../../src/store/sqlite.ts';
import { type Delivery, type Store, StoreError } from '../../src/store/store.ts';
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
    ...over,
  };
}

const kinds: [string, () => { store: Store; done: () => void }][] = [
  ['memory', () => ({ store: new MemoryStore(), done: () => {} })],
  [
    'sqlite',
    () => {
      const tmp = tempDir();
      const store = openSqliteStore(tmp.dir);
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
    store.putSubscription(subscription('1'));
    store.putSubscription(subscription('2', { category: 'ml', disabledAt: 5 }));
    store.putSubscription(subscription('1', { time: '21:30' }));
    expect(store.getSubscription('telegram:1')?.time).toBe('21:30');
    expect(store.listSubscriptions().map((s) => s.chatKey)).toEqual(['telegram:1', 'telegram:2']);
    expect(store.getSubscription('telegram:2')).toEqual(subscription('2', { category: 'ml', disabledAt: 5 }));
    expect(store.deleteSubscription('telegram:1')).toBe(true);
    expect(store.deleteSubscription('telegram:1')).toBe(false);
    expect(store.getSubscription('telegram:1')).toBeUndefined();
  });

  it('records a delivery only once per chat, slot and kind', () => {
    expect(store.insertDelivery(delivery('telegram:1', '2025-06-01'))).toBe(true);
    expect(store.insertDelivery(delivery('telegram:1', '2025-06-01', { entryId: 'other' }))).toBe(false);
    expect(store.insertDelivery(delivery('telegram:1', '2025-06-01', { kind: 'reveal' }))).toBe(true);
    expect(store.insertDelivery(delivery('telegram:2', '2025-06-01'))).toBe(true);
    expect(store.getDelivery({ chatKey: 'telegram:1', slot: '2025-06-01', kind: 'post' })?.entryId).toBe(
      'dropout',
    );
    expect([...store.chatsWithDelivery('post', '2025-06-01')].sort()).toEqual(['telegram:1', 'telegram:2']);
  });

  it('updates a delivery only from the expected statuses (compare and set)', () => {
    const key = { chatKey: 'telegram:1', slot: 's', kind: 'post' as const };
    store.insertDelivery(delivery('telegram:1', 's'));
    expect(store.updateDelivery(key, ['retry'], { status: 'sent' })).toBe(false);
    expect(store.updateDelivery(key, ['sending'], { status: 'sent', messageId: '42', updatedAt: 9 })).toBe(
      true,
    );
    expect(store.updateDelivery(key, ['sending'], { status: 'failed' })).toBe(false);
    expect(store.getDelivery(key)).toMatchObject({
      status: 'sent',
      messageId: '42',
      updatedAt: 9,
      attempts: 1,
    });
  });

  it('finds deliveries by status, oldest due first, and a chat’s latest', () => {
    store.insertDelivery(delivery('telegram:1', 'b', { status: 'retry', dueAt: 20 }));
    store.insertDelivery(delivery('telegram:1', 'a', { status: 'due', dueAt: 10 }));
    store.insertDelivery(delivery('telegram:2', 'c', { status: 'sent', dueAt: 30 }));
    expect(store.deliveriesByStatus(['due', 'retry']).map((d) => d.slot)).toEqual(['a', 'b']);
    expect(store.recentDeliveries('telegram:1', 1).map((d) => d.slot)).toEqual(['b']);
  });

  it('prunes old finished deliveries only', () => {
    store.insertDelivery(delivery('telegram:1', 'old-sent', { status: 'sent', dueAt: 10 }));
    store.insertDelivery(delivery('telegram:1', 'old-retry', { status: 'retry', dueAt: 10 }));
    store.insertDelivery(delivery('telegram:1', 'old-due', { status: 'due', dueAt: 10, kind: 'reveal' }));
    store.insertDelivery(delivery('telegram:1', 'new-sent', { status: 'sent', dueAt: 100 }));
    expect(store.pruneDeliveries(50)).toBe(1);
    expect(
      store
        .recentDeliveries('telegram:1', 10)
        .map((d) => d.slot)
        .sort(),
    ).toEqual(['new-sent', 'old-due', 'old-retry']);
  });

  it('keeps rotations and quiz history', () => {
    store.putRotation('telegram:1', { round: 2, category: 'ml', order: ['a', 'b'], position: 1 });
    expect(store.getRotation('telegram:1')).toEqual({
      round: 2,
      category: 'ml',
      order: ['a', 'b'],
      position: 1,
    });
    store.rememberQuiz('telegram:1', 'x', 2);
    store.rememberQuiz('telegram:1', 'y', 2);
    store.rememberQuiz('telegram:1', 'z', 2);
    expect(store.recentQuiz('telegram:1')).toEqual(['z', 'y']);
  });

  it('moves everything of a chat to its new key (group → supergroup)', () => {
    store.putSubscription(subscription('-1'));
    store.putRotation('telegram:-1', { round: 1, category: null, order: ['a'], position: 1 });
    store.insertDelivery(delivery('telegram:-1', '2025-06-01'));
    store.rememberQuiz('telegram:-1', 'q', 3);
    store.migrateChat('telegram:-1', 'telegram:-1001');
    expect(store.getSubscription('telegram:-1')).toBeUndefined();
    expect(store.getSubscription('telegram:-1001')).toMatchObject({
      chatKey: 'telegram:-1001',
      chatId: '-1001',
    });
    expect(store.getRotation('telegram:-1001')?.order).toEqual(['a']);
    expect(store.chatsWithDelivery('post', '2025-06-01')).toEqual(new Set(['telegram:-1001']));
    expect(store.recentQuiz('telegram:-1001')).toEqual(['q']);
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
    openSqliteStore(dir).close();
    const db = new Database(join(dir, DATABASE_FILE));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps its rows across reopening', () => {
    const a = openSqliteStore(tmp.dir);
    a.putSubscription(subscription('1'));
    a.close();
    const b = openSqliteStore(tmp.dir);
    expect(b.getSubscription('telegram:1')).toEqual(subscription('1'));
    b.close();
  });

  it('rolls a failed transaction back', () => {
    const store = openSqliteStore(tmp.dir);
    expect(() =>
      store.transaction(() => {
        store.putSubscription(subscription('1'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.getSubscription('telegram:1')).toBeUndefined();
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

    const store = openSqliteStore(tmp.dir);
    expect(store.recentQuiz('discord:7')).toEqual(['dropout', 'batch-norm']);
    store.putSubscription(subscription('7', { platform: 'discord' }));
    expect(store.getSubscription('discord:7')?.time).toBe('09:00');
    store.close();
    const check = new Database(join(tmp.dir, DATABASE_FILE));
    expect(schemaVersion(check)).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('refuses a corrupt file with a message naming it and what to do', () => {
    writeFileSync(join(tmp.dir, DATABASE_FILE), 'this is not sqlite '.repeat(300));
    const error = catchError(() => openSqliteStore(tmp.dir));
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toContain(join(tmp.dir, DATABASE_FILE));
    expect(error.message).toMatch(/move the file away/);
  });

  it('refuses a file from a newer dlkb', () => {
    const db = new Database(join(tmp.dir, DATABASE_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(catchError(() => openSqliteStore(tmp.dir)).message).toMatch(/newer dlkb/);
  });

  it('refuses a data folder that is a file, and a database path that cannot be written', () => {
    writeFileSync(join(tmp.dir, 'plain'), 'x');
    const notDir = catchError(() => openSqliteStore(join(tmp.dir, 'plain')));
    expect(notDir).toBeInstanceOf(StoreError);
    expect(notDir.message).toMatch(/DLKB_DATA_DIR/);
    mkdirSync(join(tmp.dir, 'd', DATABASE_FILE), { recursive: true });
    const unwritable = catchError(() => openSqliteStore(join(tmp.dir, 'd')));
    expect(unwritable.message).toMatch(/Cannot write .*dlkb\.sqlite/);
  });

  it('backs up while open, to a file another store can open', async () => {
    const store = openSqliteStore(join(tmp.dir, 'live'));
    store.putSubscription(subscription('1'));
    mkdirSync(join(tmp.dir, 'copy'));
    await store.backup(join(tmp.dir, 'copy', DATABASE_FILE));
    store.close();
    const copy = openSqliteStore(join(tmp.dir, 'copy'));
    expect(copy.getSubscription('telegram:1')).toEqual(subscription('1'));
    copy.close();
  });

  it('refuses a second process on the same file', () => {
    const first = openSqliteStore(tmp.dir);
    expect(catchError(() => openSqliteStore(tmp.dir, { busyTimeoutMs: 10 })).message).toMatch(/in use/);
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
