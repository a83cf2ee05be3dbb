/**
 * The storage interface commands use. Implementations: `MemoryStore` (tests, terminal) and the SQLite
 * store. Commands never see which one they have.
 */

/** Persistent, per-chat state. Chat keys are `<platform>:<chat id>`. */
export interface Store {
  /** Ids of the latest quiz questions asked in a chat, newest first. */
  recentQuiz(chatKey: string): string[];
  /** Remembers a quiz question for a chat, keeping the newest `keep`. */
  rememberQuiz(chatKey: string, entryId: string, keep: number): void;
  /** Moves everything stored under one chat key to another (a Telegram group became a supergroup). */
  migrateChat(fromKey: string, toKey: string): void;
  /** Releases the storage. */
  close(): void;
}
