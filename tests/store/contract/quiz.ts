/** The contract every QuizHistory keeps (memory and SQLite run the same suite). */
import { beforeEach, describe, expect, it } from 'vitest';
import type { QuizHistory } from '../../../src/features/quiz/recent.ts';
import { chatKey } from '../../../src/kernel/identity.ts';

/** Runs the contract against histories made by `make` (a fresh, empty one each time). */
export function quizContract(name: string, make: () => QuizHistory): void {
  describe(`quiz history contract: ${name}`, () => {
    let store: QuizHistory;
    beforeEach(() => {
      store = make();
    });

    it('keeps the newest questions of a chat, each once, at most `keep`', () => {
      expect(store.recent('telegram:1')).toEqual([]);
      store.remember('telegram:1', 'x', 3);
      store.remember('telegram:1', 'y', 3);
      store.remember('telegram:1', 'x', 3);
      store.remember('telegram:2', 'w', 3);
      expect(store.recent('telegram:1')).toEqual(['x', 'y']);
      store.remember('telegram:1', 'z', 2);
      expect(store.recent('telegram:1')).toEqual(['z', 'x']);
      expect(store.recent('telegram:2')).toEqual(['w']);
    });

    it('moves a chat’s history to its new key, replacing what it had', () => {
      const from = chatKey('telegram', '-1');
      const to = chatKey('telegram', '-1001');
      store.remember(from, 'q', 3);
      store.remember(to, 'old', 3);
      store.moveChat(from, to);
      expect(store.recent(to)).toEqual(['q']);
      expect(store.recent(from)).toEqual([]);
    });
  });
}
