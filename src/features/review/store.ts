/**
 * What the review feature keeps: each person's spaced-repetition record of each entry. Declared as the
 * `reviews` store part in `part.ts`; implemented in memory (`memory.ts`) and over SQLite (`sqlite.ts`).
 */

/** One person's spaced-repetition state of one entry. */
export interface ReviewRecord {
  /** `<platform>:<user id>`. */
  userKey: string;
  entryId: string;
  /** The FSRS card (ts-fsrs `Card`) as JSON. */
  card: string;
  /** Epoch ms the entry is due again. */
  due: number;
  /** Ratings so far. */
  reps: number;
  /** The last rating: 1 again, 2 hard, 3 good, 4 easy. */
  lastRating: number;
  /** Epoch ms of the last rating. */
  updatedAt: number;
}

/** Spaced-repetition records, per person (not per chat: a person studies across chats). */
export interface ReviewStore {
  /** The record of one entry for one person. */
  get(userKey: string, entryId: string): Promise<ReviewRecord | undefined>;
  /** Creates or replaces a record. */
  put(record: ReviewRecord): Promise<void>;
  /** Entry ids due at `now`, most overdue first, at most `limit`. */
  due(userKey: string, now: number, limit: number): Promise<string[]>;
  /** How many entries a person has rated, how many are due at `now`, and when the next one is due. */
  stats(userKey: string, now: number): Promise<{ total: number; due: number; nextDue: number | null }>;
}
