/**
 * One person's answer to one asked multiple-choice question, as the quiz feature hands it to the scores
 * feature's ledger. The ledger keeps the first answer of each person to each asked question and ignores
 * the rest (duplicated updates, double presses, retried callbacks), so every count derives from it.
 */
import type { ChatKey, Platform, UserKey } from '../../kernel/identity.ts';

/** An answer, as recorded. */
export interface AnswerRecord {
  platform: Platform;
  /** Where the question was asked. */
  chatKey: ChatKey;
  /** Who answered. */
  userKey: UserKey;
  /** Their display name as the answer carried it (for leaderboards; no member lists are read). */
  userName: string;
  /** The asked question (one posting of one item in one chat); with `userKey`, the record's identity. */
  questionId: string;
  entryId: string;
  /** The entry's category id. */
  category: string;
  /** Which of the entry's multiple-choice items (its index in `choices`). */
  item: number;
  /** The option chosen, as its index in the item's own order (0 is the item's first option). */
  chosen: number;
  correct: boolean;
  /** Epoch ms the answer arrived. */
  answeredAt: number;
  /** Milliseconds from the question being posted to this answer. */
  timeMs: number;
}

/** Where answers are recorded: the scores feature's ledger. */
export interface AnswerLedger {
  /** Records an answer unless this person already answered this question; true when it was recorded. */
  record(answer: AnswerRecord): Promise<boolean>;
}

/**
 * A person's name as leaderboards and scoreboards show it: without the leading `@` of a Telegram
 * username (`@alice` → `alice`), so the name reads as a name and never as a mention. (The Telegram
 * renderer also breaks every other `@word` in prose, so no text a user controls can notify anyone.)
 */
export function shownName(userName: string): string {
  return userName.replace(/^@+/, '');
}
