/** The closings part over SQL, SQLite or PostgreSQL: table `closings` (see `closing-part.ts` for its migrations). */
import type { ChatKey } from '../../kernel/identity.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import { CLOSING_KEPT_MS, type Closing, type ClosingKind, type ClosingStore } from './closings.ts';

const COLUMNS = `chat_key AS "chatKey", question_id AS "questionId", kind, platform, chat_id AS "chatId",
  entry_id AS "entryId", item, shown_order AS "order", sent_at AS "sentAt", locale, title, owner,
  message_id AS "messageId", close_at AS "closeAt", shown_at AS "shownAt"`;

/**
 * ClosingStore over an open database migrated to the part's latest version. Each claim is one
 * conditional statement (`ON CONFLICT DO NOTHING`, `UPDATE … WHERE close_at …`), so of several processes
 * sharing the database exactly one wins it.
 */
export class SqlClosings implements ClosingStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async open(c: Closing): Promise<boolean> {
    await this.#db.run('DELETE FROM closings WHERE sent_at < ?', [c.sentAt - CLOSING_KEPT_MS]);
    const { changes } = await this.#db.run(
      `INSERT INTO closings (chat_key, question_id, kind, platform, chat_id, entry_id, item, shown_order,
         sent_at, locale, title, owner, message_id, close_at, shown_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (chat_key, question_id) DO NOTHING`,
      [
        c.chatKey,
        c.questionId,
        c.kind,
        c.platform,
        c.chatId,
        c.entryId,
        c.item,
        c.order,
        c.sentAt,
        c.locale,
        c.title,
        c.owner,
        c.messageId,
        c.closeAt,
        c.shownAt,
      ],
    );
    return changes === 1;
  }

  async get(chatKey: ChatKey, questionId: string): Promise<Closing | undefined> {
    return this.#db.get<Closing>(`SELECT ${COLUMNS} FROM closings WHERE chat_key = ? AND question_id = ?`, [
      chatKey,
      questionId,
    ]);
  }

  async sent(chatKey: ChatKey, questionId: string, messageId: string): Promise<void> {
    await this.#db.run('UPDATE closings SET message_id = ? WHERE chat_key = ? AND question_id = ?', [
      messageId,
      chatKey,
      questionId,
    ]);
  }

  async close(chatKey: ChatKey, questionId: string, at: number): Promise<boolean> {
    const { changes } = await this.#db.run(
      `UPDATE closings SET close_at = ?
       WHERE chat_key = ? AND question_id = ? AND (close_at IS NULL OR close_at > ?)`,
      [at, chatKey, questionId, at],
    );
    return changes === 1;
  }

  async closeChat(chatKey: ChatKey, kind: ClosingKind, at: number): Promise<number> {
    const { changes } = await this.#db.run(
      `UPDATE closings SET close_at = ?
       WHERE chat_key = ? AND kind = ? AND (close_at IS NULL OR close_at > ?)`,
      [at, chatKey, kind, at],
    );
    return changes;
  }

  async due(now: number, limit: number): Promise<Closing[]> {
    return this.#db.all<Closing>(
      `SELECT ${COLUMNS} FROM closings
       WHERE close_at <= ? AND shown_at IS NULL AND message_id IS NOT NULL
       ORDER BY close_at LIMIT ?`,
      [now, limit],
    );
  }

  async shown(chatKey: ChatKey, questionId: string, at: number): Promise<void> {
    await this.#db.run('UPDATE closings SET shown_at = ? WHERE chat_key = ? AND question_id = ?', [
      at,
      chatKey,
      questionId,
    ]);
  }

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    if (from === to) return;
    const chatId = to.slice(to.indexOf(':') + 1);
    await this.#db.transaction(async () => {
      await this.#db.run('DELETE FROM closings WHERE chat_key = ?', [to]);
      await this.#db.run('UPDATE closings SET chat_key = ?, chat_id = ? WHERE chat_key = ?', [
        to,
        chatId,
        from,
      ]);
    });
  }

  /** Closings belong to questions, not to people: nothing to merge. */
  async moveUser(): Promise<void> {}
}
