/** The update claims over SQL, SQLite or PostgreSQL (table `claimed_updates`). */
import type { SqlDatabase } from '../../store/sql.ts';
import type { UpdateClaims } from './store.ts';

/** UpdateClaims over an open, migrated database: one statement per claim, atomic across replicas. */
export class SqlUpdateClaims implements UpdateClaims {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async claim(platform: string, updateId: string, now: number): Promise<boolean> {
    // The primary key decides: of concurrent inserts (any replica), exactly one changes a row.
    const { changes } = await this.#db.run(
      `INSERT INTO claimed_updates (platform, update_id, claimed_at) VALUES (?, ?, ?)
       ON CONFLICT (platform, update_id) DO NOTHING`,
      [platform, updateId, now],
    );
    return changes === 1;
  }

  async prune(before: number): Promise<number> {
    return (await this.#db.run('DELETE FROM claimed_updates WHERE claimed_at < ?', [before])).changes;
  }

  /** Claims belong to no chat: a chat's move leaves them. */
  async moveChat(): Promise<void> {}

  /** Claims belong to no person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}
}
