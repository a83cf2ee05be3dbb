/**
 * What the scores feature keeps: the answer ledger (each person's first answer to each asked question)
 * and the days each person was active, with the queries /top and /stats make of them. One interface,
 * two implementations (`memory.ts`, `sql.ts`), declared as the `answers` store part in `part.ts`.
 */
import type { UserKey } from '../../kernel/identity.ts';
import type { ChatRows } from '../../store/part.ts';
import type { AnswerLedger, AnswerRecord } from './answer.ts';

/** What made a day active: an answered question or a review rating. */
export type ActivitySource = 'answer' | 'review';

/** The sources of activity, as stored. */
export const ACTIVITY_SOURCES: readonly ActivitySource[] = ['answer', 'review'];

/** A span of time, epoch ms: `from` included, `to` excluded. */
export interface Span {
  from: number;
  to: number;
}

/** One person's answers in a chat and span, summed. */
export interface Tally {
  userKey: string;
  /** The name their latest answer in the span carried. */
  userName: string;
  answered: number;
  correct: number;
  /** Total milliseconds from question to answer. */
  timeMs: number;
}

/** One person's answers in one category, over every chat of their platform. */
export interface CategoryTally {
  category: string;
  answered: number;
  correct: number;
}

/** When a person answered, to the quarter hour: every UTC offset in use is a multiple of 15 minutes. */
export interface AnswerMoment {
  chatKey: string;
  /** The start of the quarter hour, epoch ms. */
  at: number;
}

/** Milliseconds in a quarter hour, the grain of `AnswerMoment`. */
export const QUARTER_MS = 900_000;

/** How many people chose one option of an asked question (`chosen` in the item's own order). */
export interface OptionCount {
  chosen: number;
  count: number;
}

/** The answers part's store. */
export interface AnswerStore extends AnswerLedger, ChatRows {
  /** Each person's answers in a chat within `span` (of one category when given), in no order. */
  tally(chatKey: string, span: Span, category?: string): Promise<Tally[]>;
  /** A person's answers per category, over every chat, in no order. */
  categories(user: UserKey): Promise<CategoryTally[]>;
  /** The distinct quarter hours in which a person answered, per chat (their answer days derive from these). */
  moments(user: UserKey): Promise<AnswerMoment[]>;
  /** Marks a local day (`YYYY-MM-DD`) active for a person; marking it again changes nothing. */
  markActive(user: UserKey, day: string, source: ActivitySource): Promise<void>;
  /** The local days marked active for a person, sorted, each once. */
  activeDays(user: UserKey): Promise<string[]>;
  /** Every recorded answer of a chat, oldest first (the raw records every count derives from). */
  answersIn(chatKey: string): Promise<AnswerRecord[]>;
  /** The answer a person gave to an asked question in a chat, if any. */
  answerOf(chatKey: string, user: UserKey, questionId: string): Promise<AnswerRecord | undefined>;
  /** How many answered an asked question in a chat, per chosen option (options nobody chose are left out). */
  counts(chatKey: string, questionId: string): Promise<OptionCount[]>;
  /** Deletes a person's answers (in every chat of their platform) and active days; returns the rows deleted. */
  forget(user: UserKey): Promise<number>;
}
