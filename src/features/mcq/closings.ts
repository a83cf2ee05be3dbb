/**
 * When the multiple-choice questions posted in chats close, as the mcq feature keeps it: a round's
 * question when its time is up, a daily post's at its reveal, a /mcq question when its asker (or an
 * admin) closes it. A closing is stored before its question is sent and given the message id once it
 * is out, so a restart never loses it: the closer shows the distribution in that message once it is due
 * (`closer.ts`), and presses after `closeAt` are refused (`answer.ts`). One interface, two
 * implementations (`closing-memory.ts`, `closing-sql.ts`: SQLite or PostgreSQL), the `closings` store part.
 */
import type { Locale } from '../../kernel/i18n.ts';
import type { ChatKey, Platform } from '../../kernel/identity.ts';
import type { ChatRows } from '../../store/part.ts';

/** Who posted the question: a round, a daily post, or /mcq. */
export type ClosingKind = 'round' | 'daily' | 'mcq';

/** One posted question and its closing. */
export interface Closing {
  chatKey: ChatKey;
  /** The answer ledger's question id (`questionId(asked)`). */
  questionId: string;
  kind: ClosingKind;
  platform: Platform;
  chatId: string;
  entryId: string;
  item: number;
  order: number;
  /** Epoch ms it was sent (as in its buttons). */
  sentAt: number;
  locale: Locale;
  /** The title it was posted with when not the plain question's (a round's progress); null: the plain one. */
  title: string | null;
  /** Who may close it by hand (the /mcq asker's user id); null: nobody but admins. */
  owner: string | null;
  /** Its message once sent; null before (or when the send failed). */
  messageId: string | null;
  /** Epoch ms it closes (or closed); null: open until closed by hand. */
  closeAt: number | null;
  /** Epoch ms its message was redrawn closed; null while not (yet). */
  shownAt: number | null;
}

/** Closings sent more than this long ago are forgotten when a new one is stored. */
export const CLOSING_KEPT_MS = 30 * 24 * 3_600_000;

/** At most this many closings are redrawn per tick. */
export const CLOSINGS_PER_TICK = 50;

/** The closings part's store. */
export interface ClosingStore extends ChatRows {
  /** Stores a new closing unless one exists for its chat and question (true when stored); forgets old ones. */
  open(closing: Closing): Promise<boolean>;
  /** The closing of a question in a chat, if stored. */
  get(chatKey: ChatKey, questionId: string): Promise<Closing | undefined>;
  /** Records the message a question was sent as. */
  sent(chatKey: ChatKey, questionId: string, messageId: string): Promise<void>;
  /**
   * Closes a question at `at` unless it closed earlier: true when `closeAt` changed (it was open,
   * or was due to close later).
   */
  close(chatKey: ChatKey, questionId: string, at: number): Promise<boolean>;
  /** Closes at `at` every question of one kind in a chat still open then (a round stopped); returns how many. */
  closeChat(chatKey: ChatKey, kind: ClosingKind, at: number): Promise<number>;
  /** Closings due by `now` with a message and not shown closed yet, oldest first, at most `limit`. */
  due(now: number, limit: number): Promise<Closing[]>;
  /** Records that the question's message shows it closed (or can never: gone). */
  shown(chatKey: ChatKey, questionId: string, at: number): Promise<void>;
}

/** True when a question is closed at `now`. */
export function isClosed(closing: Closing | undefined, now: number): boolean {
  return closing?.closeAt != null && closing.closeAt <= now;
}
