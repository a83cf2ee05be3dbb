/**
 * The key-point store in memory, over SQLite and over PostgreSQL alike (`engines.ts`): tallies add up,
 * the weakest come first, forget deletes.
 */

import { describe, expect, it } from 'vitest';
import { keyPointsPart } from '../../src/features/review/points-part.ts';
import type { KeyPointStore } from '../../src/features/review/points-store.ts';
import { userKey } from '../../src/kernel/identity.ts';
import { type Made, onEveryEngine } from './engines.ts';

const ADA = userKey('telegram', '1');
const BOB = userKey('discord', '2');

onEveryEngine(keyPointsPart, (name: string, make: () => Made<KeyPointStore>) =>
  describe(`key-point store (${name})`, () => {
    it('adds gradings up per person, entry and point; only missed points are weak', async () => {
      const store = await make();
      await store.record(
        ADA,
        'nms',
        [
          { point: 'IoU', missed: true },
          { point: '排序', missed: false },
        ],
        1,
      );
      await store.record(
        ADA,
        'nms',
        [
          { point: 'IoU', missed: true },
          { point: '排序', missed: true },
        ],
        2,
      );
      await store.record(BOB, 'nms', [{ point: 'IoU', missed: true }], 3);
      expect(await store.weakest(ADA, 5)).toEqual([
        { entryId: 'nms', point: 'IoU', seen: 2, missed: 2, lastAt: 2 },
        { entryId: 'nms', point: '排序', seen: 2, missed: 1, lastAt: 2 },
      ]);
      expect(await store.weakest(ADA, 1)).toHaveLength(1);
    });

    it('orders by misses, then the share missed, then the latest', async () => {
      const store = await make();
      // a: missed 2 of 4; b: missed 2 of 2; c: missed 1 of 1 (later); d: missed 1 of 1 (earlier)
      for (let i = 0; i < 4; i++) await store.record(ADA, 'e1', [{ point: 'a', missed: i < 2 }], 10 + i);
      for (let i = 0; i < 2; i++) await store.record(ADA, 'e2', [{ point: 'b', missed: true }], 1);
      await store.record(ADA, 'e3', [{ point: 'c', missed: true }], 50);
      await store.record(ADA, 'e4', [{ point: 'd', missed: true }], 40);
      await store.record(ADA, 'e5', [{ point: 'never', missed: false }], 60);
      expect((await store.weakest(ADA, 10)).map((t) => t.point)).toEqual(['b', 'a', 'c', 'd']);
    });

    it('forget deletes one person and counts the rows', async () => {
      const store = await make();
      await store.record(
        ADA,
        'nms',
        [
          { point: 'IoU', missed: true },
          { point: '排序', missed: true },
        ],
        1,
      );
      await store.record(BOB, 'nms', [{ point: 'IoU', missed: true }], 1);
      expect(await store.forget(ADA)).toBe(2);
      expect(await store.weakest(ADA, 5)).toEqual([]);
      expect(await store.weakest(BOB, 5)).toHaveLength(1);
    });
  }),
);
