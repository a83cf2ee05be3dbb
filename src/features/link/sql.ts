/** Links and codes over SQLite or PostgreSQL: tables `links` and `link_codes` (migration in `part.ts`). */
import type { UserKey } from '../../kernel/identity.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import { KEEP_CODES_MS, type LinkCode, type LinkStore } from './store.ts';

/** A user key as stored: made by `userKey` when it was written. */
type Key = { key: UserKey };

/** LinkStore over an open database migrated to the part's latest version. */
export class SqlLinks implements LinkStore {
  readonly #db: SqlDatabase;
  readonly #accounts: string;

  constructor(db: SqlDatabase) {
    this.#db = db;
    // By code point on both engines (SQLite's BINARY; PostgreSQL's "C", whatever the database's locale).
    const order = db.dialect === 'postgres' ? 'user_key COLLATE "C"' : 'user_key';
    this.#accounts = `SELECT user_key AS key FROM links WHERE learner_key = ? ORDER BY ${order}`;
  }

  async learnerOf(user: UserKey): Promise<UserKey> {
    const row = await this.#db.get<Key>('SELECT learner_key AS key FROM links WHERE user_key = ?', [user]);
    return row?.key ?? user;
  }

  async accountsOf(learner: UserKey): Promise<UserKey[]> {
    const others = await this.#db.all<Key>(this.#accounts, [learner]);
    return [learner, ...others.map((r) => r.key)];
  }

  async detach(user: UserKey): Promise<void> {
    await this.#db.run('DELETE FROM links WHERE user_key = ?', [user]);
  }

  async putCode(code: LinkCode, now: number): Promise<void> {
    await this.#db.transaction(async () => {
      await this.#db.run(
        'DELETE FROM link_codes WHERE (user_key = ? AND used_at IS NULL) OR expires_at < ?',
        [code.user, now - KEEP_CODES_MS],
      );
      await this.#db.run('INSERT INTO link_codes (code, user_key, expires_at, used_at) VALUES (?, ?, ?, ?)', [
        code.code,
        code.user,
        code.expiresAt,
        code.usedAt,
      ]);
    });
  }

  async code(code: string): Promise<LinkCode | undefined> {
    return this.#db.get<LinkCode>(
      `SELECT code, user_key AS user, expires_at AS "expiresAt", used_at AS "usedAt"
       FROM link_codes WHERE code = ?`,
      [code],
    );
  }

  /** One conditional statement: of two processes redeeming a code at once, exactly one changes the row. */
  async useCode(code: string, at: number): Promise<boolean> {
    const { changes } = await this.#db.run(
      'UPDATE link_codes SET used_at = ? WHERE code = ? AND used_at IS NULL',
      [at, code],
    );
    return changes === 1;
  }

  async moveChat(): Promise<void> {}

  /** `from` and its accounts become accounts of the learner `to`. */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    await this.#db.transaction(async () => {
      await this.#db.run('UPDATE links SET learner_key = ? WHERE learner_key = ?', [to, from]);
      await this.#db.run(
        `INSERT INTO links (user_key, learner_key) VALUES (?, ?)
         ON CONFLICT (user_key) DO UPDATE SET learner_key = excluded.learner_key`,
        [from, to],
      );
      await this.#db.run('DELETE FROM links WHERE user_key = learner_key');
    });
  }
}
