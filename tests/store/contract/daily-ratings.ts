/** The contract every DailyRatingStore keeps (memory and SQLite run the same suite). */

import { beforeEach, describe, expect, it } from 'vitest';
import { type DailyRatingStore, RATING_KEPT_MS } from '../../../src/features/daily/ratings.ts';
import { chatKey, userKey } from '../../../src/kernel/identity.ts';
import type { Made } from '../engines.ts';

const T0 = Date.parse('2026-03-04T04:00:00Z');

/** Runs the contract against stores made by `make` (a fresh, empty one each time). */
export function dailyRatingsContract(name: string, make: () => Made<DailyRatingStore>): void {
  describe(`daily ratings contract: ${name}`, () => {
    let store: DailyRatingStore;
    const chat = chatKey('discord', '500');
    const rating = (
      user: string,
      good: boolean,
      over: { slot?: string; at?: number; chat?: string } = {},
    ) => ({
      chatKey: over.chat ? chatKey('discord', over.chat) : chat,
      slot: over.slot ?? '2026-03-04',
      userKey: userKey('discord', user),
      good,
      at: over.at ?? T0,
    });
    beforeEach(async () => {
      store = await make();
    });

    it('keeps each person’s first rating of a chat’s slot', async () => {
      expect(await store.rate(rating('1', true))).toBe(true);
      expect(await store.rate(rating('1', false))).toBe(false);
      expect(await store.rate(rating('2', false))).toBe(true);
      expect(await store.rate(rating('1', false, { slot: '2026-03-05' }))).toBe(true);
      expect(await store.rate(rating('3', true, { chat: '501' }))).toBe(true);
      const got = (await store.ratings(chat, '2026-03-04')).sort((a, b) =>
        a.userKey.localeCompare(b.userKey),
      );
      expect(got).toEqual([rating('1', true), rating('2', false)]);
      expect(await store.ratings(chat, '2026-03-06')).toEqual([]);
    });

    it('forgets ratings long before a new one', async () => {
      await store.rate(rating('1', true));
      await store.rate(rating('2', true, { slot: 'later', at: T0 + RATING_KEPT_MS + 1 }));
      expect(await store.ratings(chat, '2026-03-04')).toEqual([]);
    });

    it('moves a chat’s ratings to its new key, replacing what it had', async () => {
      const from = chatKey('telegram', '-1');
      const to = chatKey('telegram', '-1001');
      await store.rate({ ...rating('1', true), chatKey: from });
      await store.rate({ ...rating('2', true), chatKey: to });
      await store.moveChat(from, to);
      expect((await store.ratings(to, '2026-03-04')).map((r) => r.userKey)).toEqual([
        userKey('discord', '1'),
      ]);
      expect(await store.ratings(from, '2026-03-04')).toEqual([]);
    });

    it('merges a person’s ratings into their linked account, keeping the account’s own of one post', async () => {
      await store.rate(rating('1', false));
      await store.rate(rating('1', true, { slot: '2026-03-05' }));
      await store.rate(rating('2', true));
      await store.moveUser(userKey('discord', '1'), userKey('discord', '2'));
      expect(await store.ratings(chat, '2026-03-04')).toEqual([rating('2', true)]);
      expect(await store.ratings(chat, '2026-03-05')).toEqual([rating('2', true, { slot: '2026-03-05' })]);
      expect(await store.rate(rating('1', true, { slot: '2026-03-06' }))).toBe(true);
    });
  });
}
