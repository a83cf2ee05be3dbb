/**
 * Native quiz polls (Telegram) as the mcq feature remembers them: a poll's answers arrive without their
 * chat or question, so the poll id maps to where it was posted and the action id of each option's answer
 * (which carries the entry, the item, the order and when it was sent). One interface, two implementations
 * (`poll-memory.ts`, `poll-sql.ts`: SQLite or PostgreSQL), declared as the `polls` store part in `part.ts`.
 */
import type { ChatKey } from '../../kernel/identity.ts';
import type { ChatRows } from '../../store/part.ts';

/** A posted poll. */
export interface PollRecord {
  /** The platform's poll id. */
  pollId: string;
  chatKey: ChatKey;
  chatKind: 'private' | 'group' | 'channel';
  /** The answer action id of each option, in the poll's order. */
  answers: string[];
  /** Epoch ms it was posted. */
  sentAt: number;
}

/** How long a poll's answers are still scored: polls older than this are forgotten when one is remembered. */
export const POLL_KEPT_MS = 30 * 24 * 3_600_000;

/** The polls part's store. */
export interface PollStore extends ChatRows {
  /** Remembers a posted poll (again: replaced), and forgets those older than `POLL_KEPT_MS` before it. */
  remember(poll: PollRecord): Promise<void>;
  /** The poll with this id, if remembered. */
  recall(pollId: string): Promise<PollRecord | undefined>;
}
