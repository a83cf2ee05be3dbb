/** The key-point part over SQLite: table `key_points` (see `points-part.ts` for its migration). */
import type { Database, Statement } from 'better-sqlite3';
import type { UserKey } from '../../kernel/identity.ts';
import type { SqliteHandle } from '../../store/part.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
import type { GradedPoint, KeyPointStore, PointTally } from './points-store.ts';

interface Row {
  user: string;
  entryId: string;
  point: string;
  missed: number;
  at: number;
}

/** KeyPointStore over an open database migrated to the part's latest version; writes go through `write`. */
export class SqliteKeyPoints implements KeyPointStore {
  readonly #db: Database;
  readonly #write: WriteGuard;
  readonly #upsert: Statement<[Row]>;
  readonly #weakest: Statement<[string, number], PointTally>;

  constructor({ db, write }: SqliteHandle) {
    this.#db = db;
    this.#write = write;
    this.#upsert = db.prepare(
      `INSERT INTO key_points (user_key, entry_id, point, seen, missed, last_at)
       VALUES (@user, @entryId, @point, 1, @missed, @at)
       ON CONFLICT (user_key, entry_id, point) DO UPDATE SET
         seen = seen + 1, missed = missed + excluded.missed, last_at = excluded.last_at`,
    );
    // The same order as `weakerFirst`: misses, share missed, latest, entry, point.
    this.#weakest = db.prepare(
      `SELECT entry_id AS entryId, point, seen, missed, last_at AS lastAt FROM key_points
       WHERE user_key = ? AND missed > 0
       ORDER BY missed DESC, CAST(missed AS REAL) / seen DESC, last_at DESC, entry_id, point LIMIT ?`,
    );
  }

  async record(user: UserKey, entryId: string, points: readonly GradedPoint[], at: number): Promise<void> {
    this.#write(() =>
      this.#db.transaction(() => {
        for (const { point, missed } of points)
          this.#upsert.run({ user, entryId, point, missed: missed ? 1 : 0, at });
      })(),
    );
  }

  async weakest(user: UserKey, limit: number): Promise<PointTally[]> {
    return this.#weakest.all(user, limit);
  }

  async forget(user: UserKey): Promise<number> {
    return this.#write(() => this.#db.prepare('DELETE FROM key_points WHERE user_key = ?').run(user).changes);
  }

  async moveChat(): Promise<void> {}

  /** Merges a person's tallies into another's: of one point, `seen` and `missed` add up, the later time stays. */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    this.#write(() => {
      // `WHERE true` tells SQLite the ON CONFLICT belongs to the INSERT, not to a join.
      this.#db
        .prepare(
          `INSERT INTO key_points (user_key, entry_id, point, seen, missed, last_at)
           SELECT @to, entry_id, point, seen, missed, last_at FROM key_points WHERE user_key = @from AND true
           ON CONFLICT (user_key, entry_id, point) DO UPDATE SET
             seen = seen + excluded.seen, missed = missed + excluded.missed,
             last_at = MAX(last_at, excluded.last_at)`,
        )
        .run({ from, to });
      this.#db.prepare('DELETE FROM key_points WHERE user_key = ?').run(from);
    });
  }
}
