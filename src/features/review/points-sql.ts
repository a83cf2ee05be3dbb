/** The key-point part over SQLite or PostgreSQL: table `key_points` (migration in `points-part.ts`). */
import type { UserKey } from '../../kernel/identity.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import type { GradedPoint, KeyPointStore, PointTally } from './points-store.ts';

/** One grading of one point: a new row, or added to the row already there. */
const UPSERT = `INSERT INTO key_points (user_key, entry_id, point, seen, missed, last_at)
  VALUES (?, ?, ?, 1, ?, ?)
  ON CONFLICT (user_key, entry_id, point) DO UPDATE SET
    seen = key_points.seen + 1, missed = key_points.missed + excluded.missed, last_at = excluded.last_at`;

/**
 * The same order as `weakerFirst`: misses, share missed, latest, entry, point (the last two by code point on
 * both engines: SQLite's BINARY, PostgreSQL's "C" whatever the database's locale).
 */
const weakest = (c: string) => `SELECT entry_id AS "entryId", point, seen, missed, last_at AS "lastAt"
  FROM key_points WHERE user_key = ? AND missed > 0
  ORDER BY missed DESC, CAST(missed AS DOUBLE PRECISION) / seen DESC, last_at DESC, entry_id${c}, point${c}
  LIMIT ?`;

/** KeyPointStore over an open database migrated to the part's latest version. */
export class SqlKeyPoints implements KeyPointStore {
  readonly #db: SqlDatabase;
  readonly #weakest: string;

  constructor(db: SqlDatabase) {
    this.#db = db;
    this.#weakest = weakest(db.dialect === 'postgres' ? ' COLLATE "C"' : '');
  }

  async record(user: UserKey, entryId: string, points: readonly GradedPoint[], at: number): Promise<void> {
    await this.#db.transaction(async () => {
      for (const { point, missed } of points)
        await this.#db.run(UPSERT, [user, entryId, point, missed ? 1 : 0, at]);
    });
  }

  async weakest(user: UserKey, limit: number): Promise<PointTally[]> {
    return this.#db.all<PointTally>(this.#weakest, [user, limit]);
  }

  async forget(user: UserKey): Promise<number> {
    return (await this.#db.run('DELETE FROM key_points WHERE user_key = ?', [user])).changes;
  }

  async moveChat(): Promise<void> {}

  /** Merges a person's tallies into another's: of one point, seen and missed add up, the later time wins. */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    await this.#db.transaction(async () => {
      // `AND true`: a WHERE tells SQLite the ON CONFLICT belongs to the INSERT, not to a join.
      await this.#db.run(
        `INSERT INTO key_points (user_key, entry_id, point, seen, missed, last_at)
         SELECT ?, entry_id, point, seen, missed, last_at FROM key_points WHERE user_key = ? AND true
         ON CONFLICT (user_key, entry_id, point) DO UPDATE SET
           seen = key_points.seen + excluded.seen, missed = key_points.missed + excluded.missed,
           last_at = CASE WHEN excluded.last_at > key_points.last_at
             THEN excluded.last_at ELSE key_points.last_at END`,
        [to, from],
      );
      await this.#db.run('DELETE FROM key_points WHERE user_key = ?', [from]);
    });
  }
}
