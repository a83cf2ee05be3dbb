/** The reminders of the SQLite store (tables `reminders` and `reminder_sends`). */
import type { SqliteHandle } from '../../store/part.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
import type { Reminder, ReminderSend, ReminderSendPatch, ReminderStatus, ReminderStore } from './store.ts';

interface Row extends Omit<Reminder, 'on' | 'reachable'> {
  on: number;
  reachable: number;
}

const REMINDER = `user_key AS userKey, platform, user_id AS userId, "on", time, timezone, locale, since,
  reachable, notice`;
const SEND = `user_key AS userKey, date, status, due, attempts, next_attempt_at AS nextAttemptAt, error,
  updated_at AS updatedAt`;

const fromRow = (row: Row): Reminder => ({ ...row, on: row.on === 1, reachable: row.reachable === 1 });

/** ReminderStore over an open, migrated database. */
export class SqliteReminders implements ReminderStore {
  readonly #write: WriteGuard;
  readonly #get;
  readonly #put;
  readonly #active;
  readonly #getSend;
  readonly #insertSend;
  readonly #setSend;
  readonly #byStatus;
  readonly #prune;

  constructor({ db, write }: SqliteHandle) {
    this.#write = write;
    this.#get = db.prepare<[string], Row>(`SELECT ${REMINDER} FROM reminders WHERE user_key = ?`);
    this.#put = db.prepare<[Row]>(
      `INSERT OR REPLACE INTO reminders (user_key, platform, user_id, "on", time, timezone, locale, since,
         reachable, notice)
       VALUES (@userKey, @platform, @userId, @on, @time, @timezone, @locale, @since, @reachable, @notice)`,
    );
    this.#active = db.prepare<[], Row>(`SELECT ${REMINDER} FROM reminders WHERE "on" = 1`);
    this.#getSend = db.prepare<[string, string], ReminderSend>(
      `SELECT ${SEND} FROM reminder_sends WHERE user_key = ? AND date = ?`,
    );
    this.#insertSend = db.prepare<[ReminderSend]>(
      `INSERT OR IGNORE INTO reminder_sends (user_key, date, status, due, attempts, next_attempt_at, error,
         updated_at)
       VALUES (@userKey, @date, @status, @due, @attempts, @nextAttemptAt, @error, @updatedAt)`,
    );
    this.#setSend = db.prepare<[ReminderSend & { was: string }]>(
      `UPDATE reminder_sends SET status = @status, attempts = @attempts, next_attempt_at = @nextAttemptAt,
         error = @error, updated_at = @updatedAt
       WHERE user_key = @userKey AND date = @date AND status = @was`,
    );
    this.#byStatus = db.prepare<[string], ReminderSend>(
      `SELECT ${SEND} FROM reminder_sends WHERE status IN (SELECT value FROM json_each(?))`,
    );
    this.#prune = db.prepare<[number]>(
      `DELETE FROM reminder_sends WHERE updated_at < ? AND status <> 'sending'`,
    );
  }

  async get(userKey: string): Promise<Reminder | undefined> {
    const row = this.#get.get(userKey);
    return row ? fromRow(row) : undefined;
  }

  async put(reminder: Reminder): Promise<void> {
    const row = { ...reminder, on: reminder.on ? 1 : 0, reachable: reminder.reachable ? 1 : 0 };
    this.#write(() => this.#put.run(row));
  }

  async active(): Promise<Reminder[]> {
    return this.#active.all().map(fromRow);
  }

  async getSend(userKey: string, date: string): Promise<ReminderSend | undefined> {
    return this.#getSend.get(userKey, date);
  }

  async insertSend(send: ReminderSend): Promise<boolean> {
    return this.#write(() => this.#insertSend.run(send).changes > 0);
  }

  async updateSend(
    userKey: string,
    date: string,
    from: readonly ReminderStatus[],
    patch: ReminderSendPatch,
  ): Promise<boolean> {
    const current = await this.getSend(userKey, date);
    if (!current || !from.includes(current.status)) return false;
    const next = { ...current, ...patch, was: current.status };
    return this.#write(() => this.#setSend.run(next).changes > 0);
  }

  async sendsByStatus(statuses: readonly ReminderStatus[]): Promise<ReminderSend[]> {
    return this.#byStatus.all(JSON.stringify(statuses));
  }

  async pruneSends(before: number): Promise<number> {
    return this.#write(() => this.#prune.run(before).changes);
  }
}
