/** The quiz history over SQL, SQLite or PostgreSQL (table `quiz_recent`, one JSON list per chat). */
import type { ChatKey } from '../../kernel/identity.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import { type QuizHistory, withNewest } from './history.ts';

/** QuizHistory over an open, migrated database. */
export class SqlQuizHistory implements QuizHistory {
  readonly #db: SqlDatabase;
  /** The read of `remember`: on PostgreSQL it locks the chat's row until the write (replicas may race). */
  readonly #readForUpdate: string;

  constructor(db: SqlDatabase) {
    this.#db = db;
    this.#readForUpdate = `SELECT entry_ids AS "entryIds" FROM quiz_recent WHERE chat_key = ?${
      db.dialect === 'postgres' ? ' FOR UPDATE' : ''
    }`;
  }

  async recent(chatKey: string): Promise<string[]> {
    const row = await this.#db.get<{ entryIds: string }>(
      'SELECT entry_ids AS "entryIds" FROM quiz_recent WHERE chat_key = ?',
      [chatKey],
    );
    return row ? (JSON.parse(row.entryIds) as string[]) : [];
  }

  async remember(chatKey: string, entryId: string, keep: number): Promise<void> {
    await this.#db.transaction(async () => {
      const row = await this.#db.get<{ entryIds: string }>(this.#readForUpdate, [chatKey]);
      const list = withNewest(row ? (JSON.parse(row.entryIds) as string[]) : [], entryId, keep);
      await this.#db.run(
        `INSERT INTO quiz_recent (chat_key, entry_ids) VALUES (?, ?)
         ON CONFLICT (chat_key) DO UPDATE SET entry_ids = excluded.entry_ids`,
        [chatKey, JSON.stringify(list)],
      );
    });
  }

  /** It keeps nothing per person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    if (from === to) return;
    await this.#db.transaction(async () => {
      await this.#db.run('DELETE FROM quiz_recent WHERE chat_key = ?', [to]);
      await this.#db.run('UPDATE quiz_recent SET chat_key = ? WHERE chat_key = ?', [to, from]);
    });
  }
}
