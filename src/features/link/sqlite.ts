/** Links and codes over SQLite: tables `links` and `link_codes` (see `part.ts` for their migration). */
import type { Database } from 'better-sqlite3';
import type { UserKey } from '../../kernel/identity.ts';
import type { SqliteHandle } from '../../store/part.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
import { KEEP_CODES_MS, type LinkCode, type LinkStore } from './store.ts';

/** A user key as stored: made by `userKey` when it was written. */
type Key = { key: UserKey };

/** LinkStore over an open database migrated to the part's latest version; writes go through `write`. */
export class SqliteLinks implements LinkStore {
  readonly #db: Database;
  readonly #write: WriteGuard;
  readonly #learner;

  constructor({ db, write }: SqliteHandle) {
    this.#db = db;
    this.#write = write;
    this.#learner = db.prepare<[string], Key>('SELECT learner_key AS key FROM links WHERE user_key = ?');
  }

  async learnerOf(user: UserKey): Promise<UserKey> {
    return this.#learner.get(user)?.key ?? user;
  }

  async accountsOf(learner: UserKey): Promise<UserKey[]> {
    const others = this.#db
      .prepare<[string], Key>('SELECT user_key AS key FROM links WHERE learner_key = ? ORDER BY user_key')
      .all(learner);
    return [learner, ...others.map((r) => r.key)];
  }

  async detach(user: UserKey): Promise<void> {
    this.#write(() => this.#db.prepare('DELETE FROM links WHERE user_key = ?').run(user));
  }

  async putCode(code: LinkCode, now: number): Promise<void> {
    this.#write(() => {
      this.#db
        .prepare('DELETE FROM link_codes WHERE (user_key = ? AND used_at IS NULL) OR expires_at < ?')
        .run(code.user, now - KEEP_CODES_MS);
      this.#db
        .prepare('INSERT INTO link_codes (code, user_key, expires_at, used_at) VALUES (?, ?, ?, ?)')
        .run(code.code, code.user, code.expiresAt, code.usedAt);
    });
  }

  async code(code: string): Promise<LinkCode | undefined> {
    return this.#db
      .prepare<[string], LinkCode>(
        'SELECT code, user_key AS user, expires_at AS expiresAt, used_at AS usedAt FROM link_codes WHERE code = ?',
      )
      .get(code);
  }

  async useCode(code: string, at: number): Promise<boolean> {
    return this.#write(
      () =>
        this.#db.prepare('UPDATE link_codes SET used_at = ? WHERE code = ? AND used_at IS NULL').run(at, code)
          .changes === 1,
    );
  }

  async moveChat(): Promise<void> {}

  /** `from` and its accounts become accounts of the learner `to`. */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    this.#write(() => {
      this.#db.prepare('UPDATE links SET learner_key = ? WHERE learner_key = ?').run(to, from);
      this.#db.prepare('INSERT OR REPLACE INTO links (user_key, learner_key) VALUES (?, ?)').run(from, to);
      this.#db.prepare('DELETE FROM links WHERE user_key = learner_key').run();
    });
  }
}
