/**
 * What a group round keeps while it runs: its chat, who started it, its settings, the questions drawn
 * for it (entry, item, shown order) and how many were posted, with when each was sent and when the next
 * step is due. One interface, two implementations (`memory.ts`, `sql.ts`: SQLite or PostgreSQL), the `rounds` store part.
 */
import type { Locale } from '../../kernel/i18n.ts';
import type { ChatKey, Platform } from '../../kernel/identity.ts';
import type { ChatRows } from '../../store/part.ts';

/** One question of a round: an item of an entry in a shown order; `sentAt` once it was claimed for posting. */
export interface RoundQuestion {
  entryId: string;
  item: number;
  order: number;
  /** Epoch ms it was recorded as posted (before the send), absent while still to come. */
  sentAt?: number;
}

/** What the starter asked for. */
export interface RoundSettings {
  count: number;
  /** How long each question is open, in seconds. */
  seconds: number;
  category?: string;
  difficulty?: string;
}

/** A running round. */
export interface RoundRecord {
  chatKey: ChatKey;
  platform: Platform;
  chatId: string;
  starter: { id: string; name: string };
  /** The language it is played in (the starter's). */
  locale: Locale;
  settings: RoundSettings;
  questions: RoundQuestion[];
  /** How many questions were claimed for posting (the next one to post is `questions[posted]`). */
  posted: number;
  startedAt: number;
  /** Epoch ms of the next step: posting the next question, or the scoreboard after the last one. */
  nextAt: number;
}

/** The rounds part's store. */
export interface RoundStore extends ChatRows {
  /** Stores a new round unless the chat already has one; true when stored. */
  start(round: RoundRecord): Promise<boolean>;
  /** The chat's running round, if any. */
  get(chatKey: ChatKey): Promise<RoundRecord | undefined>;
  /** Every round whose next step is due at `now`, oldest due first. */
  due(now: number): Promise<RoundRecord[]>;
  /**
   * Records question `index` as posted at `sentAt` with the next step at `nextAt`, only when it is the
   * next one to post (`posted === index`); true when recorded. Called before the send, so a question is
   * never posted twice, whatever happens to the process.
   */
  claim(chatKey: ChatKey, index: number, sentAt: number, nextAt: number): Promise<boolean>;
  /** Ends the chat's round: deletes and returns it (undefined when none ran). */
  end(chatKey: ChatKey): Promise<RoundRecord | undefined>;
}

/** Applies a claim to a copy of a round, or returns null when `index` is not the next one to post. */
export function claimed(
  round: RoundRecord,
  index: number,
  sentAt: number,
  nextAt: number,
): RoundRecord | null {
  const question = round.questions[index];
  if (round.posted !== index || !question) return null;
  const questions = round.questions.map((q, i) => (i === index ? { ...q, sentAt } : { ...q }));
  return { ...round, questions, posted: index + 1, nextAt };
}
