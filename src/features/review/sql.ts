/** The review records over SQL, SQLite or PostgreSQL (table `reviews`). */
import type { UserKey } from '../../kernel/identity.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import type { ReviewHistory } from './history.ts';
import type { ReviewRecord, ReviewStore } from './store.ts';

const COLUMNS =
  'user_key AS "userKey", entry_id AS "entryId", card, due, reps, last_rating AS "lastRating", updated_at AS "updatedAt"';

/** ReviewStore over an open, migrated database. */
export class SqlReviews implements ReviewStore, ReviewHistory {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async get(userKey: string, entryId: string): Promise<ReviewRecord | undefined> {
    return this.#db.get<ReviewRecord>(`SELECT ${COLUMNS} FROM reviews WHERE user_key = ? AND entry_id = ?`, [
      userKey,
      entryId,
    ]);
  }

  async put(r: ReviewRecord): Promise<void> {
    await this.#db.run(
      `INSERT INTO reviews (user_key, entry_id, card, due, reps, last_rating, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_key, entry_id) DO UPDATE SET card = excluded.card, due = excluded.due,
         reps = excluded.reps, last_rating = excluded.last_rating, updated_at = excluded.updated_at`,
      [r.userKey, r.entryId, r.card, r.due, r.reps, r.lastRating, r.updatedAt],
    );
  }

  async records(userKey: string): Promise<ReviewRecord[]> {
    return this.#db.all<ReviewRecord>(
      `SELECT ${COLUMNS} FROM reviews WHERE user_key = ? ORDER BY updated_at, entry_id`,
      [userKey],
    );
  }

  /** Deletes every record of a person; returns how many there were. */
  async forget(userKey: string): Promise<number> {
    return (await this.#db.run('DELETE FROM reviews WHERE user_key = ?', [userKey])).changes;
  }

  /** Merges a person's records into another's: of one entry, the later rating wins; `reps` add up. */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    await this.#db.transaction(async () => {
      // Both rated an entry: its ratings add up…
      await this.#db.run(
        `UPDATE reviews SET reps = reps + (SELECT f.reps FROM reviews f WHERE f.user_key = ? AND f.entry_id = reviews.entry_id)
         WHERE user_key = ? AND entry_id IN (SELECT entry_id FROM reviews WHERE user_key = ?)`,
        [from, to, from],
      );
      // …and the later rating's card wins (with the sum just made); an entry only `from` rated moves.
      await this.#db.run(
        `INSERT INTO reviews (user_key, entry_id, card, due, reps, last_rating, updated_at)
         SELECT ?, f.entry_id, f.card, f.due,
           COALESCE((SELECT t.reps FROM reviews t WHERE t.user_key = ? AND t.entry_id = f.entry_id), f.reps),
           f.last_rating, f.updated_at
         FROM reviews f WHERE f.user_key = ? AND NOT EXISTS
           (SELECT 1 FROM reviews t WHERE t.user_key = ? AND t.entry_id = f.entry_id AND t.updated_at >= f.updated_at)
         ON CONFLICT (user_key, entry_id) DO UPDATE SET card = excluded.card, due = excluded.due,
           reps = excluded.reps, last_rating = excluded.last_rating, updated_at = excluded.updated_at`,
        [to, to, from, to],
      );
      await this.#db.run('DELETE FROM reviews WHERE user_key = ?', [from]);
    });
  }

  async due(userKey: string, now: number, limit: number): Promise<string[]> {
    const rows = await this.#db.all<{ entryId: string }>(
      'SELECT entry_id AS "entryId" FROM reviews WHERE user_key = ? AND due <= ? ORDER BY due LIMIT ?',
      [userKey, now, limit],
    );
    return rows.map((r) => r.entryId);
  }

  async stats(userKey: string, now: number): Promise<{ total: number; due: number; nextDue: number | null }> {
    const row = await this.#db.get<{ total: number; due: number; nextDue: number | null }>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN due <= ? THEN 1 ELSE 0 END), 0) AS due,
         MIN(CASE WHEN due > ? THEN due END) AS "nextDue"
       FROM reviews WHERE user_key = ?`,
      [now, now, userKey],
    );
    return row ?? { total: 0, due: 0, nextDue: null };
  }
}
