/** The update claims over SQL, SQLite or PostgreSQL (table `claimed_updates`). */
import type { SqlDatabase } from '../../store/sql.ts';
import type { ClaimResult, UpdateClaims } from './store.ts';

/**
 * UpdateClaims over an open, migrated database: one statement per claim (and one more only for a
 * repeat, to tell `done` from `busy`), atomic across replicas.
 */
export class SqlUpdateClaims implements UpdateClaims {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async claim(platform: string, updateId: string, now: number, staleBefore: number): Promise<ClaimResult> {
    // The primary key decides: of concurrent claims (any replica), exactly one inserts the row or takes
    // over a stale one; the others find it claimed lately (or done) and change nothing.
    const { changes } = await this.#db.run(
      `INSERT INTO claimed_updates (platform, update_id, claimed_at) VALUES (?, ?, ?)
       ON CONFLICT (platform, update_id) DO UPDATE SET claimed_at = excluded.claimed_at
       WHERE claimed_updates.done_at IS NULL AND claimed_updates.claimed_at < ?`,
      [platform, updateId, now, staleBefore],
    );
    if (changes === 1) return 'claimed';
    const row = await this.#db.get<{ done: number }>(
      `SELECT CASE WHEN done_at IS NULL THEN 0 ELSE 1 END AS done
       FROM claimed_updates WHERE platform = ? AND update_id = ?`,
      [platform, updateId],
    );
    // Gone meanwhile (pruned, a day later): counted as handled, never answered again.
    return row?.done === 0 ? 'busy' : 'done';
  }

  async done(platform: string, updateId: string, now: number): Promise<void> {
    await this.#db.run('UPDATE claimed_updates SET done_at = ? WHERE platform = ? AND update_id = ?', [
      now,
      platform,
      updateId,
    ]);
  }

  async prune(before: number): Promise<number> {
    return (await this.#db.run('DELETE FROM claimed_updates WHERE claimed_at < ?', [before])).changes;
  }

  /** Claims belong to no chat: a chat's move leaves them. */
  async moveChat(): Promise<void> {}

  /** Claims belong to no person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}
}
