/** The contract every reviews part store keeps (memory and SQLite run the same suite). */

import { beforeEach, describe, expect, it } from 'vitest';
import type { ReviewPartStore } from '../../../src/features/review/part.ts';
import type { ReviewRecord } from '../../../src/features/review/store.ts';
import { chatKey } from '../../../src/kernel/identity.ts';
import type { Made } from '../engines.ts';

/** A record of Alice's with defaults. */
function record(entryId: string, over: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    userKey: 'telegram:1',
    entryId,
    card: '{}',
    due: 100,
    reps: 1,
    lastRating: 3,
    updatedAt: 10,
    ...over,
  };
}

/** Runs the contract against stores made by `make` (a fresh, empty one each time). */
export function reviewsContract(name: string, make: () => Made<ReviewPartStore>): void {
  describe(`reviews store contract: ${name}`, () => {
    let store: ReviewPartStore;
    beforeEach(async () => {
      store = await make();
    });

    it('keeps one record per person and entry, replaced by the next rating', async () => {
      await store.put(record('a'));
      await store.put(record('a', { reps: 2, due: 300, updatedAt: 20 }));
      await store.put(record('a', { userKey: 'telegram:2' }));
      expect(await store.get('telegram:1', 'a')).toEqual(record('a', { reps: 2, due: 300, updatedAt: 20 }));
      expect(await store.get('telegram:1', 'b')).toBeUndefined();
    });

    it('lists what is due, most overdue first, and counts', async () => {
      await store.put(record('late', { due: 50, updatedAt: 3 }));
      await store.put(record('later', { due: 80, updatedAt: 1 }));
      await store.put(record('future', { due: 500, updatedAt: 2 }));
      await store.put(record('other', { userKey: 'telegram:2', due: 10 }));
      expect(await store.due('telegram:1', 100, 10)).toEqual(['late', 'later']);
      expect(await store.due('telegram:1', 100, 1)).toEqual(['late']);
      expect(await store.stats('telegram:1', 100)).toEqual({ total: 3, due: 2, nextDue: 500 });
      expect(await store.stats('telegram:3', 100)).toEqual({ total: 0, due: 0, nextDue: null });
      expect((await store.records('telegram:1')).map((r) => r.entryId)).toEqual(['later', 'future', 'late']);
    });

    it('forgets one person only; a chat’s move leaves records alone', async () => {
      await store.put(record('a'));
      await store.put(record('b'));
      await store.put(record('a', { userKey: 'telegram:2' }));
      await store.moveChat(chatKey('telegram', '1'), chatKey('telegram', '2'));
      expect(await store.forget('telegram:1')).toBe(2);
      expect(await store.records('telegram:1')).toEqual([]);
      expect(await store.records('telegram:2')).toEqual([record('a', { userKey: 'telegram:2' })]);
    });
  });
}
