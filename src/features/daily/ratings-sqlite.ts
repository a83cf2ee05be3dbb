/** The dailyRatings part over SQLite: table `daily_ratings` (see `ratings-part.ts` for its migrations). */
import type { Database } from 'better-sqlite3';
import type { ChatKey, UserKey } from '../../kernel/identity.ts';
import type { SqliteHandle } from '../../store/part.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
import { type DailyRating, type DailyRatingStore, RATING_KEPT_MS } from './ratings.ts';

interface Row extends Omit<DailyRating, 'good'> {
  good: number;
}

/** DailyRatingStore over an open database migrated to the part's latest version; writes go through `write`. */
export class SqliteDailyRatings implements DailyRatingStore {
  readonly #db: Database;
  readonly #write: WriteGuard;

  constructor({ db, write }: SqliteHandle) {
    this.#db = db;
    this.#write = write;
  }

  async rate(r: DailyRating): Promise<boolean> {
    return this.#write(() => {
      this.#db.prepare('DELETE FROM daily_ratings WHERE at < ?').run(r.at - RATING_KEPT_MS);
      return (
        this.#db
          .prepare(
            'INSERT OR IGNORE INTO daily_ratings (chat_key, slot, user_key, good, at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(r.chatKey, r.slot, r.userKey, r.good ? 1 : 0, r.at).changes === 1
      );
    });
  }

  async ratings(chatKey: ChatKey, slot: string): Promise<DailyRating[]> {
    return this.#db
      .prepare<[string, string], Row>(
        `SELECT chat_key AS chatKey, slot, user_key AS userKey, good, at
         FROM daily_ratings WHERE chat_key = ? AND slot = ?`,
      )
      .all(chatKey, slot)
      .map((row) => ({ ...row, good: row.good === 1 }));
  }

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    this.#write(() => {
      this.#db.prepare('DELETE FROM daily_ratings WHERE chat_key = ?').run(to);
      this.#db.prepare('UPDATE daily_ratings SET chat_key = ? WHERE chat_key = ?').run(to, from);
    });
  }

  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    this.#write(() => {
      // Of two ratings of one post, the one the learner's other account already had counts.
      this.#db.prepare('UPDATE OR IGNORE daily_ratings SET user_key = ? WHERE user_key = ?').run(to, from);
      this.#db.prepare('DELETE FROM daily_ratings WHERE user_key = ?').run(from);
    });
  }
}
