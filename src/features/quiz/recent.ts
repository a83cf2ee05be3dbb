/**
 * The quiz feature's part of the database, `quiz`: each chat's latest quiz questions, newest first, so
 * `/quiz` does not ask the same one again soon. One interface, in memory and over SQLite.
 */
import type { ChatKey } from '../../kernel/identity.ts';
import { type ChatRows, type SqliteHandle, storePart } from '../../store/part.ts';

/** The quiz history of chats. */
export interface QuizHistory extends ChatRows {
  /** Ids of the latest quiz questions asked in a chat, newest first. */
  recent(chatKey: string): Promise<string[]>;
  /** Remembers a quiz question for a chat, keeping the newest `keep`. */
  remember(chatKey: string, entryId: string, keep: number): Promise<void>;
}

/** The new list: `entryId` first, then the others without it, at most `keep`. */
function withNewest(list: readonly string[], entryId: string, keep: number): string[] {
  return [entryId, ...list.filter((id) => id !== entryId)].slice(0, keep);
}

/** QuizHistory in a Map. */
class MemoryQuizHistory implements QuizHistory {
  readonly #recent = new Map<string, string[]>();

  async recent(chatKey: string): Promise<string[]> {
    return [...(this.#recent.get(chatKey) ?? [])];
  }

  async remember(chatKey: string, entryId: string, keep: number): Promise<void> {
    this.#recent.set(chatKey, withNewest(await this.recent(chatKey), entryId, keep));
  }

  /** It keeps nothing per person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    const list = this.#recent.get(from);
    this.#recent.delete(to);
    if (list) this.#recent.set(to, list);
    this.#recent.delete(from);
  }
}

/** QuizHistory over the table `quiz_recent`. */
class SqliteQuizHistory implements QuizHistory {
  readonly #h: SqliteHandle;
  readonly #get;
  readonly #put;

  constructor(handle: SqliteHandle) {
    this.#h = handle;
    this.#get = handle.db.prepare<[string], { entry_ids: string }>(
      'SELECT entry_ids FROM quiz_recent WHERE chat_key = ?',
    );
    this.#put = handle.db.prepare<[string, string]>(
      'INSERT INTO quiz_recent (chat_key, entry_ids) VALUES (?, ?) ON CONFLICT (chat_key) DO UPDATE SET entry_ids = excluded.entry_ids',
    );
  }

  async recent(chatKey: string): Promise<string[]> {
    const row = this.#get.get(chatKey);
    return row ? (JSON.parse(row.entry_ids) as string[]) : [];
  }

  async remember(chatKey: string, entryId: string, keep: number): Promise<void> {
    const list = withNewest(await this.recent(chatKey), entryId, keep);
    this.#h.write(() => this.#put.run(chatKey, JSON.stringify(list)));
  }

  /** It keeps nothing per person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    const { db, write } = this.#h;
    write(() => {
      db.prepare('DELETE FROM quiz_recent WHERE chat_key = ?').run(to);
      db.prepare('UPDATE quiz_recent SET chat_key = ? WHERE chat_key = ?').run(to, from);
    });
  }
}

/** The `quiz` store part: `store.quiz`. */
export const quizPart = storePart({
  name: 'quiz',
  migrations: [
    `CREATE TABLE quiz_recent (
       chat_key TEXT PRIMARY KEY,
       entry_ids TEXT NOT NULL -- JSON array, newest first
     );`,
  ],
  // It was the whole schema's first version.
  legacyVersion: (userVersion) => (userVersion >= 1 ? 1 : 0),
  sqlite: (handle): QuizHistory => new SqliteQuizHistory(handle),
  memory: (): QuizHistory => new MemoryQuizHistory(),
});
