/**
 * What the reminders feature keeps: each person's reminder setting (on or off, the local time and time
 * zone, the language), whether the bot can reach them privately, a one-time notice for them, and one
 * send record per person and local day (recorded before the send, so nothing is sent twice). Declared as
 * the `reminders` store part in `part.ts`; implemented in memory (`memory.ts`) and over SQL, SQLite or PostgreSQL (`sql.ts`).
 */
import type { Locale } from '../../kernel/i18n.ts';
import type { Platform, UserKey } from '../../kernel/identity.ts';

/** A notice kept for a person until their next command: why their reminders were turned off. */
export type ReminderNotice = 'unreachable';

/** One person's reminder setting. */
export interface Reminder {
  /** `<platform>:<user id>`. */
  userKey: UserKey;
  platform: Platform;
  userId: string;
  on: boolean;
  /** The local time of the reminder, `HH:MM`. */
  time: string;
  /** Its IANA time zone. */
  timezone: string;
  locale: Locale;
  /** Epoch ms it was last turned on or changed: a reminder time before it is not sent that day. */
  since: number;
  /** True once the person was seen in a private chat with the bot (Telegram can message them then). */
  reachable: boolean;
  /** Told once, with their next command. */
  notice: ReminderNotice | null;
}

/** Where one day's reminder stands: `sending` is recorded before the send; `unknown`, a send interrupted. */
export type ReminderStatus = 'sending' | 'sent' | 'retry' | 'failed' | 'unknown' | 'skipped';

/** The reminder of one person on one local day. */
export interface ReminderSend {
  userKey: UserKey;
  /** The local day, `YYYY-MM-DD`. */
  date: string;
  status: ReminderStatus;
  /** Cards due when it was claimed. */
  due: number;
  attempts: number;
  nextAttemptAt: number | null;
  error: string | null;
  updatedAt: number;
}

/** The fields of a send record that change after it was made. */
export type ReminderSendPatch = Partial<
  Pick<ReminderSend, 'status' | 'attempts' | 'nextAttemptAt' | 'error' | 'updatedAt'>
>;

/** Reminder settings and send records. */
export interface ReminderStore {
  /** A person's setting, if any. */
  get(userKey: string): Promise<Reminder | undefined>;
  /** Creates or replaces a person's setting. */
  put(reminder: Reminder): Promise<void>;
  /** Every setting that is on. */
  active(): Promise<Reminder[]>;
  /** A person's send record of a local day. */
  getSend(userKey: string, date: string): Promise<ReminderSend | undefined>;
  /** Records a send; false (nothing written) when that person's day has one already. */
  insertSend(send: ReminderSend): Promise<boolean>;
  /** Changes a record whose status is one of `from`; false when there is none such. */
  updateSend(
    userKey: string,
    date: string,
    from: readonly ReminderStatus[],
    patch: ReminderSendPatch,
  ): Promise<boolean>;
  /** The records in these states (at start: `sending` ones a stopped process left). */
  sendsByStatus(statuses: readonly ReminderStatus[]): Promise<ReminderSend[]>;
  /** Deletes records last changed before `before`; how many. */
  pruneSends(before: number): Promise<number>;
}
