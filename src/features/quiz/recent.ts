/**
 * The quiz feature's part of the database, `quiz`: each chat's latest quiz questions, newest first, so
 * `/quiz` does not ask the same one again soon. One interface (`history.ts`), in memory and over SQL
 * (`sql.ts`: SQLite or PostgreSQL).
 */
import type { ChatKey } from '../../kernel/identity.ts';
import { storePart } from '../../store/part.ts';
import { type QuizHistory, withNewest } from './history.ts';
import { SqlQuizHistory } from './sql.ts';

export type { QuizHistory } from './history.ts';

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
  sql: (db): QuizHistory => new SqlQuizHistory(db),
  memory: (): QuizHistory => new MemoryQuizHistory(),
});
