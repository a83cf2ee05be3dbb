/**
 * The plans part in memory, over SQLite and over PostgreSQL alike (tests/store/engines.ts): one plan per
 * person, replaced, removed, categories kept in order.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import { plansPart } from '../../src/features/plan/part.ts';
import type { Plan } from '../../src/features/plan/store.ts';
import { chatKey } from '../../src/kernel/identity.ts';
import { type Made, onEveryEngine } from '../store/engines.ts';

function plan(over: Partial<Plan> = {}): Plan {
  return {
    userKey: 'telegram:1',
    date: '2026-12-20',
    categories: ['ml', 'deep-learning'],
    cap: 30,
    createdAt: 1000,
    day: '2026-12-01',
    done: 3,
    introduced: 1,
    ...over,
  };
}

type Store = ReturnType<typeof plansPart.memory>;

onEveryEngine(plansPart, (name: string, make: () => Made<Store>) =>
  describe(`plans store: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });

    it('keeps one plan per person, replaced by the next', async () => {
      await store.put(plan());
      await store.put(plan({ userKey: 'discord:1', categories: [] }));
      await store.put(plan({ date: '2027-01-05', cap: 12 }));
      expect(await store.get('telegram:1')).toEqual(plan({ date: '2027-01-05', cap: 12 }));
      expect((await store.get('discord:1'))?.categories).toEqual([]);
      expect(await store.get('telegram:2')).toBeUndefined();
    });

    it('returns copies: changing one does not change the store', async () => {
      await store.put(plan());
      const got = await store.get('telegram:1');
      got?.categories.push('nlp');
      expect((await store.get('telegram:1'))?.categories).toEqual(['ml', 'deep-learning']);
    });

    it('removes a plan once, and a chat move leaves plans alone', async () => {
      await store.put(plan());
      await store.moveChat(chatKey('telegram', '-1'), chatKey('telegram', '-2'));
      expect(await store.get('telegram:1')).toEqual(plan());
      expect(await store.remove('telegram:1')).toBe(true);
      expect(await store.remove('telegram:1')).toBe(false);
      expect(await store.get('telegram:1')).toBeUndefined();
    });
  }),
);
