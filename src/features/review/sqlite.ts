/** The review records of the SQLite store (table `reviews`, migration 3). */
import type Database from 'better-sqlite3';
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

  get(userKey: string, entryId: string): ReviewRecord | undefined {
    return this.#get.get(userKey, entryId);
  }

  put(record: ReviewRecord): void {
    this.#write(() => this.#put.run(record));
  }

  records(userKey: string): ReviewRecord[] {
    return this.#records.all(userKey);
  }

  /** Deletes every record of a person; returns how many there were. */
  forget(userKey: string): number {
    return this.#write(() => this.#forget.run(userKey).changes);
  }

  due(userKey: string, now: number, limit: number): string[] {
    return this.#due.all(userKey, now, limit).map((r) => r.entryId);
  }

  stats(userKey: string, now: number): { total: number; due: number; nextDue: number | null } {
    return this.#stats.get(now, now, userKey) ?? { total: 0, due: 0, nextDue: null };
  }
}
