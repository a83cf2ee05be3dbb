/** The review records of the SQLite store (table `reviews`, migration 3). */
import type Database from 'better-sqlite3';
import type { UserKey } from '../../kernel/identity.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
import type { ReviewHistory } from './history.ts';
import type { ReviewRecord, ReviewStore } from './store.ts';

const COLUMNS =
  'user_key AS userKey, entry_id AS entryId, card, due, reps, last_rating AS lastRating, updated_at AS updatedAt';

/** ReviewStore over an open, migrated database; `write` guards its writes. */
export class SqliteReviews implements ReviewStore, ReviewHistory {
  readonly #get;
  readonly #put;
  readonly #due;
  readonly #stats;
  readonly #records;
  readonly #write: WriteGuard;
  readonly #forget;
  readonly #merge;

  constructor(db: Database.Database, write: WriteGuard) {
    this.#write = write;
    this.#get = db.prepare<[string, string], ReviewRecord>(
      `SELECT ${COLUMNS} FROM reviews WHERE user_key = ? AND entry_id = ?`,
    );
    this.#put = db.prepare<[ReviewRecord]>(
      `INSERT OR REPLACE INTO reviews (user_key, entry_id, card, due, reps, last_rating, updated_at)
       VALUES (@userKey, @entryId, @card, @due, @reps, @lastRating, @updatedAt)`,
    );
    this.#records = db.prepare<[string], ReviewRecord>(
      `SELECT ${COLUMNS} FROM reviews WHERE user_key = ? ORDER BY updated_at, entry_id`,
    );
    this.#forget = db.prepare<[string]>('DELETE FROM reviews WHERE user_key = ?');
    this.#merge = [
      // Both rated an entry: its ratings add up…
      `UPDATE reviews SET reps = reps + (SELECT f.reps FROM reviews f WHERE f.user_key = @from AND f.entry_id = reviews.entry_id)
       WHERE user_key = @to AND entry_id IN (SELECT entry_id FROM reviews WHERE user_key = @from)`,
      // …and the later rating's card wins (with the sum just made); an entry only \`from\` rated moves.
      `INSERT OR REPLACE INTO reviews (user_key, entry_id, card, due, reps, last_rating, updated_at)
       SELECT @to, f.entry_id, f.card, f.due,
         COALESCE((SELECT t.reps FROM reviews t WHERE t.user_key = @to AND t.entry_id = f.entry_id), f.reps),
         f.last_rating, f.updated_at
       FROM reviews f WHERE f.user_key = @from AND NOT EXISTS
         (SELECT 1 FROM reviews t WHERE t.user_key = @to AND t.entry_id = f.entry_id AND t.updated_at >= f.updated_at)`,
      'DELETE FROM reviews WHERE user_key = @from',
    ].map((sql) => db.prepare<[{ from: string; to: string }]>(sql));
    this.#due = db.prepare<[string, number, number], { entryId: string }>(
      'SELECT entry_id AS entryId FROM reviews WHERE user_key = ? AND due <= ? ORDER BY due LIMIT ?',
    );
    this.#stats = db.prepare<
      [number, number, string],
      { total: number; due: number; nextDue: number | null }
    >(
      'SELECT COUNT(*) AS total, COALESCE(SUM(due <= ?), 0) AS due, MIN(CASE WHEN due > ? THEN due END) AS nextDue FROM reviews WHERE user_key = ?',
    );
  }

  async get(userKey: string, entryId: string): Promise<ReviewRecord | undefined> {
    return this.#get.get(userKey, entryId);
  }

  async put(record: ReviewRecord): Promise<void> {
    this.#write(() => this.#put.run(record));
  }

  async records(userKey: string): Promise<ReviewRecord[]> {
    return this.#records.all(userKey);
  }

  /** Deletes every record of a person; returns how many there were. */
  async forget(userKey: string): Promise<number> {
    return this.#write(() => this.#forget.run(userKey).changes);
  }

  /** Merges a person's records into another's: of one entry, the later rating wins; `reps` add up. */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    this.#write(() => {
      for (const statement of this.#merge) statement.run({ from, to });
    });
  }

  async due(userKey: string, now: number, limit: number): Promise<string[]> {
    return this.#due.all(userKey, now, limit).map((r) => r.entryId);
  }

  async stats(userKey: string, now: number): Promise<{ total: number; due: number; nextDue: number | null }> {
    return this.#stats.get(now, now, userKey) ?? { total: 0, due: 0, nextDue: null };
  }
}
