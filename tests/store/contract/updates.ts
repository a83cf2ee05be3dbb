/** The contract every UpdateClaims keeps (memory, SQLite and PostgreSQL run the same suite). */

import { beforeEach, describe, expect, it } from 'vitest';
import type { UpdateClaims } from '../../../src/features/updates/store.ts';
import { chatKey, userKey } from '../../../src/kernel/identity.ts';
import type { Made } from '../engines.ts';

/** Claims `updateId` at `now`, counting claims not done since before `staleBefore` (0: none) as stale. */
type Claim = (
  platform: string,
  updateId: string,
  now: number,
  staleBefore?: number,
) => ReturnType<UpdateClaims['claim']>;

/** Runs the contract against claims made by `make` (a fresh, empty store each time). */
export function updatesContract(name: string, make: () => Made<UpdateClaims>): void {
  describe(`update claims contract: ${name}`, () => {
    let store: UpdateClaims;
    let claim: Claim;
    beforeEach(async () => {
      store = await make();
      claim = (platform, updateId, now, staleBefore = 0) => store.claim(platform, updateId, now, staleBefore);
    });

    it('grants an update once per platform; a repeat is busy until done, then done', async () => {
      expect(await claim('telegram', '1:100', 10)).toBe('claimed');
      expect(await claim('telegram', '1:100', 11)).toBe('busy');
      expect(await claim('telegram', '1:101', 13)).toBe('claimed');
      expect(await claim('discord', '1:100', 14)).toBe('claimed');
      await store.done('telegram', '1:100', 15);
      expect(await claim('telegram', '1:100', 16)).toBe('done');
      expect(await claim('telegram', '1:101', 17)).toBe('busy');
      expect(await claim('discord', '1:100', 18)).toBe('busy');
    });

    it('takes over a claim not done since before the bound, and only such a claim', async () => {
      await claim('telegram', 'dead', 1_000);
      await claim('telegram', 'alive', 5_000);
      await claim('telegram', 'handled', 1_000);
      await store.done('telegram', 'handled', 1_500);
      // Bound 4 000: 'dead' (claimed at 1 000) is stale, 'alive' (5 000) is not, 'handled' is done.
      expect(await claim('telegram', 'dead', 6_000, 4_000)).toBe('claimed');
      expect(await claim('telegram', 'alive', 6_000, 4_000)).toBe('busy');
      expect(await claim('telegram', 'handled', 6_000, 4_000)).toBe('done');
      // Taken over at 6 000: the new claim is recent again, and not taken over at the same bound.
      expect(await claim('telegram', 'dead', 6_001, 4_000)).toBe('busy');
      expect(await claim('telegram', 'dead', 9_000, 5_999)).toBe('busy');
      expect(await claim('telegram', 'dead', 9_000, 6_001)).toBe('claimed');
      await store.done('telegram', 'dead', 9_500);
      expect(await claim('telegram', 'dead', 99_000, 90_000)).toBe('done');
    });

    it('marks nothing done for an update never claimed', async () => {
      await store.done('telegram', 'never', 5);
      expect(await claim('telegram', 'never', 6)).toBe('claimed');
      expect(await claim('telegram', 'never', 7)).toBe('busy');
    });

    it('grants exactly one of many claims made at once, fresh or taking over', async () => {
      const ids = ['7', '8', '9'];
      const fresh = await Promise.all(
        ids.flatMap((id) => Array.from({ length: 6 }, () => claim('telegram', id, 5))),
      );
      for (let i = 0; i < ids.length; i++)
        expect(fresh.slice(i * 6, i * 6 + 6).filter((c) => c === 'claimed')).toHaveLength(1);
      // All three stale now: again exactly one claim of each takes it over, the others find it busy.
      const over = await Promise.all(
        ids.flatMap((id) => Array.from({ length: 6 }, () => claim('telegram', id, 100, 50))),
      );
      for (let i = 0; i < ids.length; i++) {
        const six = over.slice(i * 6, i * 6 + 6);
        expect(six.filter((c) => c === 'claimed')).toHaveLength(1);
        expect(six.filter((c) => c === 'busy')).toHaveLength(5);
      }
    });

    it('forgets claims made before a time, done or not, and only those', async () => {
      await claim('telegram', 'old', 1_000);
      await store.done('telegram', 'old', 1_001);
      await claim('discord', 'old', 1_999);
      await claim('telegram', 'new', 2_000);
      await store.done('telegram', 'new', 2_001);
      expect(await store.prune(2_000)).toBe(2);
      expect(await store.prune(2_000)).toBe(0);
      expect(await claim('telegram', 'new', 3_000)).toBe('done');
      // Forgotten: a (very late) delivery of it would be handled again.
      expect(await claim('telegram', 'old', 3_000)).toBe('claimed');
      expect(await claim('discord', 'old', 3_000)).toBe('claimed');
    });

    it('keeps its claims when a chat moves or accounts are linked', async () => {
      await claim('telegram', '5', 1);
      await store.done('telegram', '5', 2);
      await store.moveChat(chatKey('telegram', '-1'), chatKey('telegram', '-1001'));
      await store.moveUser(userKey('telegram', '1'), userKey('discord', '2'));
      expect(await claim('telegram', '5', 3)).toBe('done');
    });
  });
}
