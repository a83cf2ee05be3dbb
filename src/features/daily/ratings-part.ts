/** The daily feature's part of the database for its cards' self-ratings, `dailyRatings` (see `ratings.ts`). */
import { storePart } from '../../store/part.ts';
import type { DailyRatingStore } from './ratings.ts';
import { MemoryDailyRatings } from './ratings-memory.ts';
import { SqliteDailyRatings } from './ratings-sqlite.ts';

/** The part's migrations, in order (only ever appended). */
export const DAILY_RATINGS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE daily_ratings (
     chat_key TEXT NOT NULL,
     slot TEXT NOT NULL,
     user_key TEXT NOT NULL,
     good INTEGER NOT NULL CHECK (good IN (0, 1)),
     at INTEGER NOT NULL,
     PRIMARY KEY (chat_key, slot, user_key)
   ) WITHOUT ROWID;
   CREATE INDEX daily_ratings_at ON daily_ratings (at);`,
];

/** The `dailyRatings` store part: `store.dailyRatings`. */
export const dailyRatingsPart = storePart({
  name: 'dailyRatings',
  migrations: DAILY_RATINGS_MIGRATIONS,
  sqlite: (handle): DailyRatingStore => new SqliteDailyRatings(handle),
  memory: (): DailyRatingStore => new MemoryDailyRatings(),
});
