/** The contract every ReminderStore keeps (memory and SQLite run the same suite). */

import { beforeEach, describe, expect, it } from 'vitest';
import type { Reminder, ReminderSend, ReminderStore } from '../../../src/features/remind/store.ts';
import { userKey } from '../../../src/kernel/identity.ts';
import type { Made } from '../engines.ts';

/** A reminder setting with defaults (on, 09:00 Asia/Shanghai). */
export function reminder(over: Partial<Reminder> = {}): Reminder {
  return {
    userKey: userKey('telegram', '1'),
    platform: 'telegram',
    userId: '1',
    on: true,
    time: '09:00',
    timezone: 'Asia/Shanghai',
    locale: 'zh-CN',
    since: 5,
    reachable: false,
    notice: null,
    ...over,
  };
}

/** A send record with defaults (sending, 2026-03-02). */
export function reminderSend(over: Partial<ReminderSend> = {}): ReminderSend {
  return {
    userKey: userKey('telegram', '1'),
    date: '2026-03-02',
    status: 'sending',
    due: 3,
    attempts: 1,
    nextAttemptAt: null,
    error: null,
    updatedAt: 100,
    ...over,
  };
}

/** Runs the contract against stores made by `make` (a fresh, empty one each time). */
export function remindersContract(name: string, make: () => Made<ReminderStore>): void {
  describe(`reminders contract: ${name}`, () => {
    let store: ReminderStore;
    beforeEach(async () => {
      store = await make();
    });

    it('keeps one setting per person, replaced by put, and lists those that are on', async () => {
      expect(await store.get('telegram:1')).toBeUndefined();
      await store.put(reminder());
      await store.put(
        reminder({ userKey: userKey('discord', '2'), platform: 'discord', userId: '2', reachable: true }),
      );
      await store.put(reminder({ notice: 'unreachable', on: false, time: '21:30', locale: 'en' }));
      expect(await store.get('telegram:1')).toEqual(
        reminder({ notice: 'unreachable', on: false, time: '21:30', locale: 'en' }),
      );
      expect(await store.active()).toEqual([
        reminder({ userKey: userKey('discord', '2'), platform: 'discord', userId: '2', reachable: true }),
      ]);
    });

    it('records one send per person and day, changed only from the expected states', async () => {
      expect(await store.insertSend(reminderSend())).toBe(true);
      expect(await store.insertSend(reminderSend({ status: 'sent' }))).toBe(false);
      expect(await store.insertSend(reminderSend({ date: '2026-03-03', status: 'skipped', due: 0 }))).toBe(
        true,
      );
      expect(await store.updateSend('telegram:1', '2026-03-02', ['retry'], { status: 'sent' })).toBe(false);
      const retry = { status: 'retry' as const, nextAttemptAt: 500, error: 'transient: 502', updatedAt: 200 };
      expect(await store.updateSend('telegram:1', '2026-03-02', ['sending'], retry)).toBe(true);
      expect(await store.getSend('telegram:1', '2026-03-02')).toEqual(reminderSend(retry));
      expect(await store.updateSend('telegram:1', '2026-03-09', ['retry'], { status: 'sent' })).toBe(false);
      expect(await store.sendsByStatus(['retry', 'sending'])).toEqual([reminderSend(retry)]);
      expect(await store.sendsByStatus([])).toEqual([]);
    });

    it('prunes finished records older than a time, never one still sending', async () => {
      await store.insertSend(reminderSend({ status: 'sent', updatedAt: 10 }));
      await store.insertSend(reminderSend({ date: '2026-03-03', status: 'sending', updatedAt: 10 }));
      await store.insertSend(reminderSend({ date: '2026-03-04', status: 'sent', updatedAt: 90 }));
      expect(await store.pruneSends(50)).toBe(1);
      expect(await store.getSend('telegram:1', '2026-03-02')).toBeUndefined();
      expect((await store.getSend('telegram:1', '2026-03-03'))?.status).toBe('sending');
      expect((await store.getSend('telegram:1', '2026-03-04'))?.status).toBe('sent');
    });
  });
}
