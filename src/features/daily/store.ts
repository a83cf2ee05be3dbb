/**
 * What the daily question keeps: each chat's subscription, its question rotation and the record of every
 * post and reveal. Declared as the `daily` store part in `part.ts`; implemented in memory (`memory.ts`)
 * and over SQL, SQLite or PostgreSQL (`sql.ts`).
 */
import type { Locale } from '../../kernel/i18n.ts';
import type { Platform } from '../../kernel/identity.ts';
import type { ChatRows } from '../../store/part.ts';

/** A daily-question subscription of one chat. */
export interface Subscription {
  /** `<platform>:<chat id>`. */
  chatKey: string;
  platform: Platform;
  chatId: string;
  /** Local wall-clock time of the post, `HH:MM`. */
  time: string;
  /** IANA time zone of `time`. */
  timezone: string;
  /** Only questions of this category; null: all. */
  category: string | null;
  /** Hours from the post to the scheduled answer; 0: no scheduled reveal. */
  revealAfterHours: number;
  /** The language of the posts (the subscriber's at subscribe time). */
  locale: Locale;
  /** Epoch ms from which posts are due: a slot before it (earlier today) is not posted. */
  activeFrom: number;
  /** Local days in a row on which a send failed because the chat is gone (403, unknown channel). */
  goneDays: number;
  /** Local date (`YYYY-MM-DD`) of the last such failure. */
  lastGoneDate: string | null;
  /** Epoch ms the chat was disabled after 3 gone days; null while active. */
  disabledAt: number | null;
  /** A discussion thread per post where the platform has them (Discord); absent: `on`. */
  thread?: 'on' | 'off';
  /** Minutes of inactivity before a post's thread is archived (Discord: 60, 1440, 4320 or 10080); absent: 1440. */
  threadArchiveMinutes?: number;
  /** The Discord role the post mentions, chosen by the subscribing admin; absent or null: no mention. */
  roleId?: string | null;
  /** What a post is: the flashcard, the entry's multiple-choice item, or both; absent: `flashcard`. */
  format?: PostFormat;
  /** How the next question is chosen: the shuffled `rotation`, or `adaptive` (see `adaptive.ts`); absent: `rotation`. */
  pick?: PickMode;
  /** The weekly digest's day and time, `<mon…sun> HH:MM` in `timezone` (see `digest-times.ts`); absent or null: none. */
  digest?: string | null;
}

/** How a chat's next daily question is chosen. */
export type PickMode = 'rotation' | 'adaptive';

/** The pick modes, as accepted by `/daily subscribe pick:`. */
export const PICK_MODES: readonly PickMode[] = ['rotation', 'adaptive'];

/** What a daily post is made of: the question card, its multiple-choice item (a quiz poll), or both. */
export type PostFormat = 'flashcard' | 'choice' | 'both';

/** The post formats, as accepted by `/daily subscribe format:`. */
export const POST_FORMATS: readonly PostFormat[] = ['flashcard', 'choice', 'both'];

/** Why a post went out without its role ping: the role was deleted, or the bot may not mention it. */
export type RoleSkip = 'gone' | 'no-permission';

/** Why a post's thread was not started: the bot may not create threads there, or the call failed. */
export type ThreadSkip = 'no-permission' | 'failed';

/** When counting a gone day disables a chat: at `after` days in a row, as of epoch ms `at`. */
export interface GoneDisable {
  after: number;
  at: number;
}

/** A chat's gone days after one more was counted, and when it was disabled (null: still active). */
export interface GoneCount {
  goneDays: number;
  disabledAt: number | null;
}

/** A chat's shuffled order of questions: no repeat until the round is over. */
export interface Rotation {
  /** 1 for the first round. */
  round: number;
  /** The category filter the order was made for; null: all. */
  category: string | null;
  /** Entry ids in the order they are asked. */
  order: string[];
  /** How many of `order` have been asked. */
  position: number;
}

/** A scheduled question (`post`), its answer (`reveal`), or the weekly digest (`digest`). */
export type DeliveryKind = 'post' | 'reveal' | 'digest';

/**
 * Where a delivery stands. `due` (a reveal waiting for its time) → `sending` (recorded before the send)
 * → `sent`, `retry` (failed, will try again), `failed` (gave up); `unknown` (the process died while
 * sending, or the send failed in a way that may have delivered it: never sent again, so never twice); `skipped` (its day ended, or the chat unsubscribed).
 */
export type DeliveryStatus = 'due' | 'sending' | 'sent' | 'retry' | 'failed' | 'unknown' | 'skipped';

/** What identifies a delivery: one per chat, slot and kind. */
export interface DeliveryKey {
  chatKey: string;
  /**
   * The local date `YYYY-MM-DD` of a scheduled post, `now-<epoch ms>` for `/daily now`, or for a digest
   * the Monday of its local ISO week.
   */
  slot: string;
  kind: DeliveryKind;
}

/** The record of one post or reveal. */
export interface Delivery extends DeliveryKey {
  entryId: string;
  status: DeliveryStatus;
  /** Epoch ms it was due. */
  dueAt: number;
  /** Sends tried so far. */
  attempts: number;
  /** Epoch ms of the next try, for `retry`. */
  nextAttemptAt: number | null;
  /** The platform message id once sent. */
  messageId: string | null;
  /** For a reveal: the message id of its question. */
  replyTo: string | null;
  /** The last failure, for status and logs. */
  error: string | null;
  /** Epoch ms of the last change. */
  updatedAt: number;
  /** For a post: the discussion thread started on it (the thread's channel id). */
  threadId?: string | null;
  /** For a post: the thread's link. */
  threadUrl?: string | null;
  /** For a post: why no thread was started, when one was wanted. */
  threadSkip?: ThreadSkip | null;
  /** The multiple-choice question the post asked (the answer ledger's question id); its reveal counts it. */
  questionId?: string | null;
  /** For a post whose subscription pings a role: why it went out without the ping. */
  roleSkip?: RoleSkip | null;
}

/** The fields `updateDelivery` may change. */
export type DeliveryPatch = Partial<
  Pick<
    Delivery,
    | 'status'
    | 'attempts'
    | 'nextAttemptAt'
    | 'messageId'
    | 'error'
    | 'updatedAt'
    | 'threadId'
    | 'threadUrl'
    | 'threadSkip'
    | 'questionId'
    | 'roleSkip'
  >
>;

/** The daily question's rows: subscriptions, rotations and deliveries of chats. */
export interface DailyStore extends ChatRows {
  /** The daily subscription of a chat. */
  getSubscription(chatKey: string): Promise<Subscription | undefined>;
  /** Every daily subscription, disabled ones included, by chat key. */
  listSubscriptions(): Promise<Subscription[]>;
  /** Creates or replaces a subscription. */
  putSubscription(subscription: Subscription): Promise<void>;
  /** Removes a subscription; true when there was one. Rotation and deliveries are kept. */
  deleteSubscription(chatKey: string): Promise<boolean>;
  /**
   * Clears a chat's count of gone days (a send got through), touching none of its settings, so a
   * `/daily` change made meanwhile on another replica stays; true when there was a count to clear.
   */
  resetGone(chatKey: string): Promise<boolean>;
  /**
   * Counts `today` (a local date) as a gone day of a chat unless it is counted already, and disables
   * the chat at `disable.at` when that makes `disable.after` days in a row. One conditional write of
   * those columns only (of replicas counting the same day, one counts it). Gives the count after it,
   * or undefined when there is no subscription or today was counted already.
   */
  markGone(chatKey: string, today: string, disable: GoneDisable): Promise<GoneCount | undefined>;

  /** The question rotation of a chat. */
  getRotation(chatKey: string): Promise<Rotation | undefined>;
  /** Creates or replaces a chat's rotation. */
  putRotation(chatKey: string, rotation: Rotation): Promise<void>;

  /** One delivery record. */
  getDelivery(key: DeliveryKey): Promise<Delivery | undefined>;
  /** Records a delivery unless one exists with the same key; true when it was recorded. */
  insertDelivery(delivery: Delivery): Promise<boolean>;
  /** Applies `patch` when the delivery's status is one of `from` (compare and set); true when it did. */
  updateDelivery(key: DeliveryKey, from: readonly DeliveryStatus[], patch: DeliveryPatch): Promise<boolean>;
  /** Deliveries in these statuses, oldest due first. */
  deliveriesByStatus(statuses: readonly DeliveryStatus[]): Promise<Delivery[]>;
  /** The chat keys with a delivery of this kind for this slot. */
  chatsWithDelivery(kind: DeliveryKind, slot: string): Promise<Set<string>>;
  /** The latest deliveries of a chat, newest due first. */
  recentDeliveries(chatKey: string, limit: number): Promise<Delivery[]>;
  /** Deletes finished deliveries (not `due`, `sending` or `retry`) due before `before`; returns how many. */
  pruneDeliveries(before: number): Promise<number>;
}

/** The thread settings of a subscription with their defaults filled in. */
export function threadSettings(sub: Subscription): { thread: 'on' | 'off'; archiveMinutes: number } {
  return { thread: sub.thread ?? 'on', archiveMinutes: sub.threadArchiveMinutes ?? DEFAULT_ARCHIVE_MINUTES };
}

/** A post's thread is archived after a day without messages, by default. */
export const DEFAULT_ARCHIVE_MINUTES = 1440;

/** The key of a delivery as one string (for maps and sets). */
export function deliveryId(key: DeliveryKey): string {
  return `${key.kind}\u0000${key.chatKey}\u0000${key.slot}`;
}

/** What a subscription stored without its later settings (thread, role, format, pick, digest) reads back with. */
export const SUBSCRIPTION_DEFAULTS = {
  thread: 'on',
  threadArchiveMinutes: 1440,
  roleId: null,
  format: 'flashcard',
  pick: 'rotation',
  digest: null,
} as const satisfies Partial<Subscription>;

/** What a delivery stored without its thread and question reads back with. */
export const DELIVERY_DEFAULTS = {
  threadId: null,
  threadUrl: null,
  threadSkip: null,
  questionId: null,
  roleSkip: null,
} as const satisfies Partial<Delivery>;
