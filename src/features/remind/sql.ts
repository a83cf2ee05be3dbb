/** The reminders over SQL, SQLite or PostgreSQL (tables `reminders` and `reminder_sends`). */
import type { SqlDatabase, SqlValue } from '../../store/sql.ts';
import type { Reminder, ReminderSend, ReminderSendPatch, ReminderStatus, ReminderStore } from './store.ts';

interface Row extends Omit<Reminder, 'on' | 'reachable'> {
  on: number;
  reachable: number;
}

const REMINDER = `user_key AS "userKey", platform, user_id AS "userId", "on", time, timezone, locale, since,
  reachable, notice`;
const SEND = `user_key AS "userKey", date, status, due, attempts, next_attempt_at AS "nextAttemptAt", error,
  updated_at AS "updatedAt"`;

/** The column of each field a send's patch may change. */
const PATCH_COLUMNS: Record<keyof ReminderSendPatch, string> = {
  status: 'status',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  error: 'error',
  updatedAt: 'updated_at',
};

const fromRow = (row: Row): Reminder => ({ ...row, on: row.on === 1, reachable: row.reachable === 1 });

/** `?, ?, …`: one placeholder per value. */
const marks = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/**
 * ReminderStore over an open, migrated database. A send's record changes only by one conditional
 * statement (`INSERT … ON CONFLICT DO NOTHING`, `UPDATE … WHERE status IN (…)`), so of several processes
 * sharing the database exactly one makes each transition.
 */
export class SqlReminders implements ReminderStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async get(userKey: string): Promise<Reminder | undefined> {
    const row = await this.#db.get<Row>(`SELECT ${REMINDER} FROM reminders WHERE user_key = ?`, [userKey]);
    return row ? fromRow(row) : undefined;
  }

  async put(r: Reminder): Promise<void> {
    await this.#db.run(
      `INSERT INTO reminders (user_key, platform, user_id, "on", time, timezone, locale, since, reachable, notice)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_key) DO UPDATE SET platform = excluded.platform, user_id = excluded.user_id,
         "on" = excluded."on", time = excluded.time, timezone = excluded.timezone, locale = excluded.locale,
         since = excluded.since, reachable = excluded.reachable, notice = excluded.notice`,
      [
        r.userKey,
        r.platform,
        r.userId,
        r.on ? 1 : 0,
        r.time,
        r.timezone,
        r.locale,
        r.since,
        r.reachable ? 1 : 0,
        r.notice,
      ],
    );
  }

  async active(): Promise<Reminder[]> {
    return (await this.#db.all<Row>(`SELECT ${REMINDER} FROM reminders WHERE "on" = 1`)).map(fromRow);
  }

  async getSend(userKey: string, date: string): Promise<ReminderSend | undefined> {
    return this.#db.get<ReminderSend>(`SELECT ${SEND} FROM reminder_sends WHERE user_key = ? AND date = ?`, [
      userKey,
      date,
    ]);
  }

  async insertSend(s: ReminderSend): Promise<boolean> {
    const { changes } = await this.#db.run(
      `INSERT INTO reminder_sends (user_key, date, status, due, attempts, next_attempt_at, error, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_key, date) DO NOTHING`,
      [s.userKey, s.date, s.status, s.due, s.attempts, s.nextAttemptAt, s.error, s.updatedAt],
    );
    return changes > 0;
  }

  async updateSend(
    userKey: string,
    date: string,
    from: readonly ReminderStatus[],
    patch: ReminderSendPatch,
  ): Promise<boolean> {
    if (from.length === 0) return false;
    const sets: string[] = [];
    const values: SqlValue[] = [];
    for (const [field, column] of Object.entries(PATCH_COLUMNS)) {
      const value = patch[field as keyof ReminderSendPatch];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      values.push(value);
    }
    // Nothing to change: still true when the record is in one of `from`.
    if (sets.length === 0) sets.push('status = status');
    const { changes } = await this.#db.run(
      `UPDATE reminder_sends SET ${sets.join(', ')}
       WHERE user_key = ? AND date = ? AND status IN (${marks(from)})`,
      [...values, userKey, date, ...from],
    );
    return changes > 0;
  }

  async sendsByStatus(statuses: readonly ReminderStatus[]): Promise<ReminderSend[]> {
    if (statuses.length === 0) return [];
    return this.#db.all<ReminderSend>(
      `SELECT ${SEND} FROM reminder_sends WHERE status IN (${marks(statuses)})`,
      statuses,
    );
  }

  async pruneSends(before: number): Promise<number> {
    const { changes } = await this.#db.run(
      `DELETE FROM reminder_sends WHERE updated_at < ? AND status <> 'sending'`,
      [before],
    );
    return changes;
  }
}
