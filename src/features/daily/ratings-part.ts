/** The daily feature's part of the database for its cards' self-ratings, `dailyRatings` (see `ratings.ts`). */
import { storePart } from '../../store/part.ts';
import type { Migration } from '../../store/sql.ts';
import type { DailyRatingStore } from './ratings.ts';
import { MemoryDailyRatings } from './ratings-memory.ts';
import { SqlDailyRatings } from './ratings-sql.ts';

/** The table on PostgreSQL: epoch milliseconds need BIGINT; no `WITHOUT ROWID`. */
const POSTGRES_1 = `CREATE TABLE daily_ratings (
    chat_key TEXT NOT NULL,
    slot TEXT NOT NULL,
    user_key TEXT NOT NULL,
    good INTEGER NOT NULL CHECK (good IN (0, 1)),
    at BIGINT NOT NULL,
    PRIMARY KEY (chat_key, slot, user_key)
  );
  CREATE INDEX daily_ratings_at ON daily_ratings (at);`;

/** The part's migrations, in order (only ever appended). */
export const DAILY_RATINGS_MIGRATIONS: readonly Migration[] = [
  {
    sqlite: `CREATE TABLE daily_ratings (
     chat_key TEXT NOT NULL,
     slot TEXT NOT NULL,
     user_key TEXT NOT NULL,
     good INTEGER NOT NULL CHECK (good IN (0, 1)),
     at INTEGER NOT NULL,
     PRIMARY KEY (chat_key, slot, user_key)
   ) WITHOUT ROWID;
   CREATE INDEX daily_ratings_at ON daily_ratings (at);`,
    postgres: POSTGRES_1,
  },
];

/** The `dailyRatings` store part: `store.dailyRatings`. */
export const dailyRatingsPart = storePart({
  name: 'dailyRatings',
  migrations: DAILY_RATINGS_MIGRATIONS,
  sql: (db): DailyRatingStore => new SqlDailyRatings(db),
  memory: (): DailyRatingStore => new MemoryDailyRatings(),
});
