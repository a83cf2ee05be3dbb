/** The polls part over SQLite: table `polls` (see `part.ts` for its migrations). */
import type { Database, Statement } from 'better-sqlite3';
import type { ChatKey } from '../../kernel/identity.ts';
import type { SqliteHandle } from '../../store/part.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
import { POLL_KEPT_MS, type PollRecord, type PollStore } from './polls.ts';

interface PollRow {
  pollId: string;
  chatKey: ChatKey;
  chatKind: PollRecord['chatKind'];
  answers: string;
  sentAt: number;
}

/** PollStore over an open database migrated to the part's latest version; writes go through `write`. */
export class SqlitePolls implements PollStore {
  readonly #db: Database;
  readonly #write: WriteGuard;
  /** Prepared once: every poll answer recalls its poll. */
  readonly #recall: Statement<[string], PollRow>;

  constructor({ db, write }: SqliteHandle) {
    this.#db = db;
    this.#write = write;
    this.#recall = db.prepare(
      `SELECT poll_id AS pollId, chat_key AS chatKey, chat_kind AS chatKind, answers, sent_at AS sentAt
       FROM polls WHERE poll_id = ?`,
    );
  }

  async remember(poll: PollRecord): Promise<void> {
    this.#write(() => {
      this.#db.prepare('DELETE FROM polls WHERE sent_at < ?').run(poll.sentAt - POLL_KEPT_MS);
      this.#db
        .prepare(
          `INSERT OR REPLACE INTO polls (poll_id, chat_key, chat_kind, answers, sent_at)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(poll.pollId, poll.chatKey, poll.chatKind, poll.answers.join(' '), poll.sentAt);
    });
  }

  async recall(pollId: string): Promise<PollRecord | undefined> {
    const row = this.#recall.get(pollId);
    return row ? { ...row, answers: row.answers.split(' ') } : undefined;
  }

  /** It keeps nothing per person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    this.#write(() => this.#db.prepare('UPDATE polls SET chat_key = ? WHERE chat_key = ?').run(to, from));
  }
}
