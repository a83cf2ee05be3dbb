/** The closings part over SQLite: table `closings` (see `closing-part.ts` for its migrations). */
import type { Database, Statement } from 'better-sqlite3';
import type { ChatKey } from '../../kernel/identity.ts';
import type { SqliteHandle } from '../../store/part.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
import { CLOSING_KEPT_MS, type Closing, type ClosingKind, type ClosingStore } from './closings.ts';

const COLUMNS = `chat_key AS chatKey, question_id AS questionId, kind, platform, chat_id AS chatId,
  entry_id AS entryId, item, shown_order AS "order", sent_at AS sentAt, locale, title, owner,
  message_id AS messageId, close_at AS closeAt, shown_at AS shownAt`;

/** ClosingStore over an open database migrated to the part's latest version; writes go through `write`. */
export class SqliteClosings implements ClosingStore {
  readonly #db: Database;
  readonly #write: WriteGuard;
  /** Prepared once: every answer to a question reads its closing. */
  readonly #get: Statement<[string, string], Closing>;

  constructor({ db, write }: SqliteHandle) {
    this.#db = db;
    this.#write = write;
    this.#get = db.prepare(`SELECT ${COLUMNS} FROM closings WHERE chat_key = ? AND question_id = ?`);
  }

  async open(c: Closing): Promise<boolean> {
    return this.#write(() => {
      this.#db.prepare('DELETE FROM closings WHERE sent_at < ?').run(c.sentAt - CLOSING_KEPT_MS);
      return (
        this.#db
          .prepare(
            `INSERT OR IGNORE INTO closings (chat_key, question_id, kind, platform, chat_id, entry_id, item,
               shown_order, sent_at, locale, title, owner, message_id, close_at, shown_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
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
          ).changes === 1
      );
    });
  }

  async get(chatKey: ChatKey, questionId: string): Promise<Closing | undefined> {
    return this.#get.get(chatKey, questionId);
  }

  async sent(chatKey: ChatKey, questionId: string, messageId: string): Promise<void> {
    this.#write(() =>
      this.#db
        .prepare('UPDATE closings SET message_id = ? WHERE chat_key = ? AND question_id = ?')
        .run(messageId, chatKey, questionId),
    );
  }

  async close(chatKey: ChatKey, questionId: string, at: number): Promise<boolean> {
    return this.#write(
      () =>
        this.#db
          .prepare(
            `UPDATE closings SET close_at = ?
             WHERE chat_key = ? AND question_id = ? AND (close_at IS NULL OR close_at > ?)`,
          )
          .run(at, chatKey, questionId, at).changes === 1,
    );
  }

  async closeChat(chatKey: ChatKey, kind: ClosingKind, at: number): Promise<number> {
    return this.#write(
      () =>
        this.#db
          .prepare(
            `UPDATE closings SET close_at = ?
             WHERE chat_key = ? AND kind = ? AND (close_at IS NULL OR close_at > ?)`,
          )
          .run(at, chatKey, kind, at).changes,
    );
  }

  async due(now: number, limit: number): Promise<Closing[]> {
    return this.#db
      .prepare<[number, number], Closing>(
        `SELECT ${COLUMNS} FROM closings
         WHERE close_at <= ? AND shown_at IS NULL AND message_id IS NOT NULL
         ORDER BY close_at LIMIT ?`,
      )
      .all(now, limit);
  }

  async shown(chatKey: ChatKey, questionId: string, at: number): Promise<void> {
    this.#write(() =>
      this.#db
        .prepare('UPDATE closings SET shown_at = ? WHERE chat_key = ? AND question_id = ?')
        .run(at, chatKey, questionId),
    );
  }

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    const chatId = to.slice(to.indexOf(':') + 1);
    this.#write(() => {
      this.#db.prepare('DELETE FROM closings WHERE chat_key = ?').run(to);
      this.#db
        .prepare('UPDATE closings SET chat_key = ?, chat_id = ? WHERE chat_key = ?')
        .run(to, chatId, from);
    });
  }

  /** Closings belong to questions, not to people: nothing to merge. */
  async moveUser(): Promise<void> {}
}
