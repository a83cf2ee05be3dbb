/**
 * The key-point part of the database, `keyPoints`: per person, entry and key point, how often it was
 * graded and missed (grading by key points), for the weakest points /stats shows.
 */
import { storePart } from '../../store/part.ts';
import { MemoryKeyPoints } from './points-memory.ts';
import { SqliteKeyPoints } from './points-sqlite.ts';
import type { KeyPointStore } from './points-store.ts';

/** The part's migrations, in order (only ever appended). */
export const KEY_POINTS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE key_points (
     user_key TEXT NOT NULL,
     entry_id TEXT NOT NULL,
     point TEXT NOT NULL,
     seen INTEGER NOT NULL CHECK (seen > 0),
     missed INTEGER NOT NULL CHECK (missed >= 0 AND missed <= seen),
     last_at INTEGER NOT NULL,
     PRIMARY KEY (user_key, entry_id, point)
   ) WITHOUT ROWID;`,
];

/** The `keyPoints` store part: `services.keyPoints` for the commands. */
export const keyPointsPart = storePart({
  name: 'keyPoints',
  migrations: KEY_POINTS_MIGRATIONS,
  sqlite: (handle): KeyPointStore => new SqliteKeyPoints(handle),
  memory: (): KeyPointStore => new MemoryKeyPoints(),
});
