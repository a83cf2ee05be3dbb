/** What the quiz feature remembers of each chat: its latest quiz questions, newest first (`store.quiz`). */
import type { ChatRows } from '../../store/part.ts';

/** The quiz history of chats. */
export interface QuizHistory extends ChatRows {
  /** Ids of the latest quiz questions asked in a chat, newest first. */
  recent(chatKey: string): Promise<string[]>;
  /** Remembers a quiz question for a chat, keeping the newest `keep`. */
  remember(chatKey: string, entryId: string, keep: number): Promise<void>;
}

/** The new list: `entryId` first, then the others without it, at most `keep`. */
export function withNewest(list: readonly string[], entryId: string, keep: number): string[] {
  return [entryId, ...list.filter((id) => id !== entryId)].slice(0, keep);
}
