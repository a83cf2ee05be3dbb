/** The dailyRatings part over SQL, SQLite or PostgreSQL: table `daily_ratings` (see `ratings-part.ts`). */
import type { ChatKey, UserKey } from '../../kernel/identity.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import { type DailyRating, type DailyRatingStore, RATING_KEPT_MS } from './ratings.ts';

interface Row extends Omit<DailyRating, 'good'> {
  good: number;
}

/** DailyRatingStore over an open database migrated to the part's latest version. */
export class SqlDailyRatings implements DailyRatingStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** Forgets old ratings, then keeps this one unless the person rated the slot already (a conditional insert). */
  async rate(r: DailyRating): Promise<boolean> {
    await this.#db.run('DELETE FROM daily_ratings WHERE at < ?', [r.at - RATING_KEPT_MS]);
    const result = await this.#db.run(
      `INSERT INTO daily_ratings (chat_key, slot, user_key, good, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (chat_key, slot, user_key) DO NOTHING`,
      [r.chatKey, r.slot, r.userKey, r.good ? 1 : 0, r.at],
    );
    return result.changes === 1;
  }

  async ratings(chatKey: ChatKey, slot: string): Promise<DailyRating[]> {
    const rows = await this.#db.all<Row>(
      `SELECT chat_key AS "chatKey", slot, user_key AS "userKey", good, at
       FROM daily_ratings WHERE chat_key = ? AND slot = ?`,
      [chatKey, slot],
    );
    return rows.map((row) => ({ ...row, good: row.good === 1 }));
  }

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    if (from === to) return;
    await this.#db.transaction(async () => {
      await this.#db.run('DELETE FROM daily_ratings WHERE chat_key = ?', [to]);
      await this.#db.run('UPDATE daily_ratings SET chat_key = ? WHERE chat_key = ?', [to, from]);
    });
  }

  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    await this.#db.transaction(async () => {
      // Of two ratings of one post, the one the learner's other account already had counts.
      await this.#db.run(
        `UPDATE daily_ratings SET user_key = ? WHERE user_key = ? AND NOT EXISTS (SELECT 1 FROM daily_ratings t
           WHERE t.user_key = ? AND t.chat_key = daily_ratings.chat_key AND t.slot = daily_ratings.slot)`,
        [to, from, to],
      );
      await this.#db.run('DELETE FROM daily_ratings WHERE user_key = ?', [from]);
    });
  }
}
