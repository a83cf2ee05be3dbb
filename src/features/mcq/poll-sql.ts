/** The polls part over SQL, SQLite or PostgreSQL: table `polls` (see `part.ts` for its migrations). */
import type { ChatKey } from '../../kernel/identity.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import { POLL_KEPT_MS, type PollRecord, type PollStore } from './polls.ts';

interface PollRow {
  pollId: string;
  chatKey: ChatKey;
  chatKind: PollRecord['chatKind'];
  answers: string;
  sentAt: number;
}

const RECALL = `SELECT poll_id AS "pollId", chat_key AS "chatKey", chat_kind AS "chatKind", answers,
  sent_at AS "sentAt" FROM polls WHERE poll_id = ?`;

/** PollStore over an open database migrated to the part's latest version. */
export class SqlPolls implements PollStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async remember(poll: PollRecord): Promise<void> {
    await this.#db.run('DELETE FROM polls WHERE sent_at < ?', [poll.sentAt - POLL_KEPT_MS]);
    await this.#db.run(
      `INSERT INTO polls (poll_id, chat_key, chat_kind, answers, sent_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (poll_id) DO UPDATE SET chat_key = excluded.chat_key, chat_kind = excluded.chat_kind,
         answers = excluded.answers, sent_at = excluded.sent_at`,
      [poll.pollId, poll.chatKey, poll.chatKind, poll.answers.join(' '), poll.sentAt],
    );
  }

  async recall(pollId: string): Promise<PollRecord | undefined> {
    const row = await this.#db.get<PollRow>(RECALL, [pollId]);
    return row ? { ...row, answers: row.answers.split(' ') } : undefined;
  }

  /** It keeps nothing per person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    await this.#db.run('UPDATE polls SET chat_key = ? WHERE chat_key = ?', [to, from]);
  }
}
