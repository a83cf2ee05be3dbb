/** The contract every UpdateClaims keeps (memory, SQLite and PostgreSQL run the same suite). */

import { beforeEach, describe, expect, it } from 'vitest';
import type { UpdateClaims } from '../../../src/features/updates/store.ts';
import { chatKey, userKey } from '../../../src/kernel/identity.ts';
import type { Made } from '../engines.ts';

/** Runs the contract against claims made by `make` (a fresh, empty store each time). */
export function updatesContract(name: string, make: () => Made<UpdateClaims>): void {
  describe(`update claims contract: ${name}`, () => {
    let store: UpdateClaims;
    beforeEach(async () => {
      store = await make();
    });

    it('grants an update once per platform, refusing every later claim', async () => {
      expect(await store.claim('telegram', '1:100', 10)).toBe(true);
      expect(await store.claim('telegram', '1:100', 11)).toBe(false);
      expect(await store.claim('telegram', '1:100', 12)).toBe(false);
      expect(await store.claim('telegram', '1:101', 13)).toBe(true);
      expect(await store.claim('discord', '1:100', 14)).toBe(true);
    });

    it('grants exactly one of many claims made at once', async () => {
      const ids = ['7', '8', '9'];
      const tries = await Promise.all(
        ids.flatMap((id) => Array.from({ length: 6 }, () => store.claim('telegram', id, 5))),
      );
      for (let i = 0; i < ids.length; i++)
        expect(tries.slice(i * 6, i * 6 + 6).filter(Boolean)).toHaveLength(1);
    });

    it('forgets claims made before a time, and only those', async () => {
      await store.claim('telegram', 'old', 1_000);
      await store.claim('discord', 'old', 1_999);
      await store.claim('telegram', 'new', 2_000);
      expect(await store.prune(2_000)).toBe(2);
      expect(await store.prune(2_000)).toBe(0);
      expect(await store.claim('telegram', 'new', 3_000)).toBe(false);
      // Forgotten: a (very late) delivery of it would be handled again.
      expect(await store.claim('telegram', 'old', 3_000)).toBe(true);
    });

    it('keeps its claims when a chat moves or accounts are linked', async () => {
      await store.claim('telegram', '5', 1);
      await store.moveChat(chatKey('telegram', '-1'), chatKey('telegram', '-1001'));
      await store.moveUser(userKey('telegram', '1'), userKey('discord', '2'));
      expect(await store.claim('telegram', '5', 2)).toBe(false);
    });
  });
}
