/** The dailyRatings part in memory (tests, and the terminal when no data folder can be used). */
import type { ChatKey, UserKey } from '../../kernel/identity.ts';
import { type DailyRating, type DailyRatingStore, RATING_KEPT_MS } from './ratings.ts';

const keyOf = (r: Pick<DailyRating, 'chatKey' | 'slot' | 'userKey'>) =>
  `${r.chatKey}\u0000${r.slot}\u0000${r.userKey}`;

/** DailyRatingStore over a map. */
export class MemoryDailyRatings implements DailyRatingStore {
  readonly #rows = new Map<string, DailyRating>();

  async rate(rating: DailyRating): Promise<boolean> {
    for (const [k, r] of this.#rows) if (r.at < rating.at - RATING_KEPT_MS) this.#rows.delete(k);
    if (this.#rows.has(keyOf(rating))) return false;
    this.#rows.set(keyOf(rating), { ...rating });
    return true;
  }

  async ratings(chatKey: ChatKey, slot: string): Promise<DailyRating[]> {
    return [...this.#rows.values()]
      .filter((r) => r.chatKey === chatKey && r.slot === slot)
      .map((r) => ({ ...r }));
  }

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    for (const [k, r] of [...this.#rows]) if (r.chatKey === to) this.#rows.delete(k);
    for (const [k, r] of [...this.#rows]) {
      if (r.chatKey !== from) continue;
      this.#rows.delete(k);
      const moved = { ...r, chatKey: to };
      this.#rows.set(keyOf(moved), moved);
    }
  }

  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    for (const [k, r] of [...this.#rows]) {
      if (r.userKey !== from) continue;
      this.#rows.delete(k);
      const moved = { ...r, userKey: to };
      // Of two ratings of one post, the one the learner's other account already had counts.
      if (!this.#rows.has(keyOf(moved))) this.#rows.set(keyOf(moved), moved);
    }
  }
}
