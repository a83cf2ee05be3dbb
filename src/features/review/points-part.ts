/**
 * The key-point part of the database, `keyPoints`: per person, entry and key point, how often it was
 * graded and missed (grading by key points), for the weakest points /stats shows.
 */
import { storePart } from '../../store/part.ts';
import type { Migration } from '../../store/sql.ts';
import { MemoryKeyPoints } from './points-memory.ts';
import { SqlKeyPoints } from './points-sql.ts';
import type { KeyPointStore } from './points-store.ts';

/** The table on PostgreSQL: epoch milliseconds need BIGINT; no `WITHOUT ROWID`. */
const POSTGRES = `CREATE TABLE key_points (
    user_key TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    point TEXT NOT NULL,
    seen INTEGER NOT NULL CHECK (seen > 0),
    missed INTEGER NOT NULL CHECK (missed >= 0 AND missed <= seen),
    last_at BIGINT NOT NULL,
    PRIMARY KEY (user_key, entry_id, point)
  );`;

/** The part's migrations, in order (only ever appended); the SQLite texts are as first published. */
export const KEY_POINTS_MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE key_points (
     user_key TEXT NOT NULL,
     entry_id TEXT NOT NULL,
     point TEXT NOT NULL,
     seen INTEGER NOT NULL CHECK (seen > 0),
     missed INTEGER NOT NULL CHECK (missed >= 0 AND missed <= seen),
     last_at INTEGER NOT NULL,
     PRIMARY KEY (user_key, entry_id, point)
   ) WITHOUT ROWID;`,
].map((sqlite) => ({ sqlite, postgres: POSTGRES }));

/** The `keyPoints` store part: `services.keyPoints` for the commands. */
export const keyPointsPart = storePart({
  name: 'keyPoints',
  migrations: KEY_POINTS_MIGRATIONS,
  sql: (db): KeyPointStore => new SqlKeyPoints(db),
  memory: (): KeyPointStore => new MemoryKeyPoints(),
});
