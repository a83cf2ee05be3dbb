/**
 * The contract every DailyStore keeps (memory, SQLite and PostgreSQL run the same suite): subscriptions
 * are stored, listed and replaced; a chat's gone days are counted once a day and cleared without touching
 * its settings; a delivery is recorded once per chat, slot and kind and changes only from the expected
 * statuses; old finished deliveries are pruned; a chat's move carries its rows to the new key.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import type { DailyStore, Delivery, Subscription } from '../../../src/features/daily/store.ts';
import { chatKey } from '../../../src/kernel/identity.ts';
import type { Made } from '../engines.ts';

/** A Telegram chat's subscription with defaults. */
export function subscription(chatId: string, over: Partial<Subscription> = {}): Subscription {
  return {
    chatKey: `telegram:${chatId}`,
    platform: 'telegram',
    chatId,
    time: '09:00',
    timezone: 'Asia/Shanghai',
    category: null,
    revealAfterHours: 8,
    locale: 'zh-CN',
    activeFrom: 0,
    goneDays: 0,
    lastGoneDate: null,
    disabledAt: null,
    // The fields later migrations added, as a stored row reads them back.
    thread: 'on',
    threadArchiveMinutes: 1440,
    roleId: null,
    format: 'flashcard',
    pick: 'rotation',
    digest: null,
    ...over,
  };
}

/** A post being sent, with defaults. */
export function delivery(key: string, slot: string, over: Partial<Delivery> = {}): Delivery {
  return {
    chatKey: key,
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
    roleSkip: null,
    ...over,
  };
}

/** Runs the contract against stores made by `make` (a fresh, empty one each time). */
export function dailyContract(name: string, make: () => Made<DailyStore>): void {
  describe(`daily store contract: ${name}`, () => {
    let store: DailyStore;
    beforeEach(async () => {
      store = await make();
    });

    it('stores, lists, replaces and deletes subscriptions', async () => {
      await store.putSubscription(subscription('2', { category: 'ml', disabledAt: 5 }));
      await store.putSubscription(subscription('1'));
      await store.putSubscription(subscription('1', { time: '21:30' }));
      await store.putSubscription(subscription('-3'));
      // By code point: `-` before the digits, whatever a database's locale makes of it.
      expect(await store.listSubscriptions()).toEqual([
        subscription('-3'),
        subscription('1', { time: '21:30' }),
        subscription('2', { category: 'ml', disabledAt: 5 }),
      ]);
      expect(await store.deleteSubscription('telegram:1')).toBe(true);
      expect(await store.deleteSubscription('telegram:1')).toBe(false);
      expect(await store.getSubscription('telegram:1')).toBeUndefined();
    });

    it('counts a gone day once per local day and disables at the limit, changing no setting', async () => {
      const key = 'telegram:1';
      const disable = { after: 3, at: 700 };
      await store.putSubscription(subscription('1'));
      expect(await store.markGone(key, '2026-03-01', disable)).toEqual({ goneDays: 1, disabledAt: null });
      expect(await store.markGone(key, '2026-03-01', disable)).toBeUndefined();
      // An admin's `/daily` change between two counts (another replica): the counts keep it.
      const read = await store.getSubscription(key);
      if (!read) throw new Error('no subscription');
      await store.putSubscription({ ...read, time: '21:30', category: 'ml' });
      expect(await store.markGone(key, '2026-03-02', disable)).toEqual({ goneDays: 2, disabledAt: null });
      expect(await store.markGone(key, '2026-03-03', disable)).toEqual({ goneDays: 3, disabledAt: 700 });
      expect(await store.getSubscription(key)).toEqual(
        subscription('1', {
          time: '21:30',
          category: 'ml',
          goneDays: 3,
          lastGoneDate: '2026-03-03',
          disabledAt: 700,
        }),
      );
      expect(await store.markGone('telegram:404', '2026-03-03', disable)).toBeUndefined();
      expect(await store.getSubscription('telegram:404')).toBeUndefined();
    });

    it('keeps a chat disabled before its gone days, and clears the count alone', async () => {
      await store.putSubscription(subscription('1', { disabledAt: 5, thread: 'off' }));
      expect(await store.resetGone('telegram:1')).toBe(false);
      const disable = { after: 3, at: 700 };
      expect(await store.markGone('telegram:1', '2026-03-01', disable)).toEqual({
        goneDays: 1,
        disabledAt: 5,
      });
      expect(await store.resetGone('telegram:1')).toBe(true);
      expect(await store.resetGone('telegram:1')).toBe(false);
      expect(await store.resetGone('telegram:404')).toBe(false);
      // Cleared, not re-enabled: only `/daily` enables a chat again.
      expect(await store.getSubscription('telegram:1')).toEqual(
        subscription('1', { disabledAt: 5, thread: 'off' }),
      );
    });

    it('counts a day once when several processes count it at the same time', async () => {
      await store.putSubscription(subscription('1', { goneDays: 2, lastGoneDate: '2026-03-01' }));
      const disable = { after: 3, at: 700 };
      const counts = await Promise.all(
        [1, 2, 3, 4].map(() => store.markGone('telegram:1', '2026-03-02', disable)),
      );
      expect(counts.filter((c) => c !== undefined)).toEqual([{ goneDays: 3, disabledAt: 700 }]);
      expect((await store.getSubscription('telegram:1'))?.goneDays).toBe(3);
    });

    it('records a delivery once per chat, slot and kind, and changes it only from the expected statuses', async () => {
      const key = { chatKey: 'telegram:1', slot: 's', kind: 'post' as const };
      expect(await store.insertDelivery(delivery('telegram:1', 's'))).toBe(true);
      expect(await store.insertDelivery(delivery('telegram:1', 's', { entryId: 'other' }))).toBe(false);
      expect(await store.insertDelivery(delivery('telegram:1', 's', { kind: 'reveal' }))).toBe(true);
      expect(await store.updateDelivery(key, ['retry'], { status: 'sent' })).toBe(false);
      expect(await store.updateDelivery(key, [], { status: 'sent' })).toBe(false);
      expect(
        await store.updateDelivery(key, ['sending'], { status: 'sent', messageId: '42', updatedAt: 9 }),
      ).toBe(true);
      expect(await store.getDelivery(key)).toEqual(
        delivery('telegram:1', 's', { status: 'sent', messageId: '42', updatedAt: 9 }),
      );
      expect(await store.chatsWithDelivery('reveal', 's')).toEqual(new Set(['telegram:1']));
    });

    it('finds deliveries by status, oldest due first, a chat’s latest, and prunes old finished ones', async () => {
      await store.insertDelivery(delivery('telegram:1', 'b', { status: 'retry', dueAt: 20 }));
      await store.insertDelivery(delivery('telegram:1', 'a', { status: 'due', dueAt: 10 }));
      await store.insertDelivery(delivery('telegram:2', 'c', { status: 'sent', dueAt: 30 }));
      await store.insertDelivery(delivery('telegram:1', 'old', { status: 'failed', dueAt: 5 }));
      expect((await store.deliveriesByStatus(['due', 'retry'])).map((d) => d.slot)).toEqual(['a', 'b']);
      expect(await store.deliveriesByStatus([])).toEqual([]);
      expect((await store.recentDeliveries('telegram:1', 2)).map((d) => d.slot)).toEqual(['b', 'a']);
      expect(await store.pruneDeliveries(25)).toBe(1);
      expect((await store.recentDeliveries('telegram:1', 9)).map((d) => d.slot)).toEqual(['b', 'a']);
    });

    it('keeps a chat’s rotation, a copy the caller cannot change', async () => {
      const rotation = { round: 2, category: 'ml', order: ['a', 'b'], position: 1 };
      await store.putRotation('telegram:1', rotation);
      rotation.order.push('c');
      expect(await store.getRotation('telegram:1')).toEqual({
        round: 2,
        category: 'ml',
        order: ['a', 'b'],
        position: 1,
      });
    });

    it('moves a chat’s subscription, rotation and deliveries to its new key, replacing what it had', async () => {
      const from = chatKey('telegram', '-1');
      const to = chatKey('telegram', '-1001');
      await store.putSubscription(subscription('-1'));
      await store.putSubscription(subscription('-1001', { time: '23:00' }));
      await store.putRotation(from, { round: 1, category: null, order: ['a'], position: 1 });
      await store.putRotation(to, { round: 9, category: null, order: ['z'], position: 0 });
      await store.insertDelivery(delivery(from, '2025-06-01'));
      await store.moveChat(from, to);
      expect(await store.getSubscription(from)).toBeUndefined();
      expect(await store.getSubscription(to)).toEqual(subscription('-1001'));
      expect(await store.getRotation(from)).toBeUndefined();
      expect((await store.getRotation(to))?.order).toEqual(['a']);
      expect(await store.recentDeliveries(to, 5)).toEqual([delivery(to, '2025-06-01')]);
      expect(await store.recentDeliveries(from, 5)).toEqual([]);
    });

    it('moves a chat’s delivery over one of the same slot and kind under the new key', async () => {
      const from = chatKey('telegram', '-1');
      const to = chatKey('telegram', '-1001');
      await store.insertDelivery(delivery(from, 'd', { status: 'sent', messageId: '7' }));
      await store.insertDelivery(delivery(to, 'd', { status: 'retry', entryId: 'other' }));
      await store.insertDelivery(delivery(to, 'e', { status: 'sent', dueAt: 2000 }));
      await store.moveChat(from, to);
      expect(await store.recentDeliveries(to, 5)).toEqual([
        delivery(to, 'e', { status: 'sent', dueAt: 2000 }),
        delivery(to, 'd', { status: 'sent', messageId: '7' }),
      ]);
      expect(await store.recentDeliveries(from, 5)).toEqual([]);
    });
  });
}
