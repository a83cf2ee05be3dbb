/** The contract every QuizHistory keeps (memory and SQLite run the same suite). */

import { beforeEach, describe, expect, it } from 'vitest';
import type { QuizHistory } from '../../../src/features/quiz/recent.ts';
import { chatKey } from '../../../src/kernel/identity.ts';
import type { Made } from '../engines.ts';

/** Runs the contract against histories made by `make` (a fresh, empty one each time). */
export function quizContract(name: string, make: () => Made<QuizHistory>): void {
  describe(`quiz history contract: ${name}`, () => {
    let store: QuizHistory;
    beforeEach(async () => {
      store = await make();
    });

    it('keeps the newest questions of a chat, each once, at most `keep`', async () => {
      expect(await store.recent('telegram:1')).toEqual([]);
      await store.remember('telegram:1', 'x', 3);
      await store.remember('telegram:1', 'y', 3);
      await store.remember('telegram:1', 'x', 3);
      await store.remember('telegram:2', 'w', 3);
      expect(await store.recent('telegram:1')).toEqual(['x', 'y']);
      await store.remember('telegram:1', 'z', 2);
      expect(await store.recent('telegram:1')).toEqual(['z', 'x']);
      expect(await store.recent('telegram:2')).toEqual(['w']);
    });

    it('moves a chat’s history to its new key, replacing what it had', async () => {
      const from = chatKey('telegram', '-1');
      const to = chatKey('telegram', '-1001');
      await store.remember(from, 'q', 3);
      await store.remember(to, 'old', 3);
      await store.moveChat(from, to);
      expect(await store.recent(to)).toEqual(['q']);
      expect(await store.recent(from)).toEqual([]);
    });
  });
}
