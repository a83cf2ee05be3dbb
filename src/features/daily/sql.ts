/**
 * The daily part over SQL, SQLite or PostgreSQL: tables `daily_subscriptions`, `daily_rotations`,
 * `daily_deliveries` (see `part.ts` for their migrations). Recording and changing a delivery are each one
 * conditional statement (`INSERT … ON CONFLICT DO NOTHING`, `UPDATE … WHERE status IN (…)`, judged by the
 * rows they changed), so of several processes racing on one delivery exactly one wins.
 */
import { type ChatKey, parseChatKey } from '../../kernel/identity.ts';
import type { SqlDatabase, SqlValue } from '../../store/sql.ts';
import {
  type DailyStore,
  DELIVERY_DEFAULTS,
  type Delivery,
  type DeliveryKey,
  type DeliveryKind,
  type DeliveryPatch,
  type DeliveryStatus,
  type GoneCount,
  type GoneDisable,
  type Rotation,
  SUBSCRIPTION_DEFAULTS,
  type Subscription,
} from './store.ts';

/** Columns as the fields of `Subscription`. */
const SUBSCRIPTION = `chat_key AS "chatKey", platform, chat_id AS "chatId", time, timezone, category,
  reveal_after_hours AS "revealAfterHours", locale, active_from AS "activeFrom", gone_days AS "goneDays",
  last_gone_date AS "lastGoneDate", disabled_at AS "disabledAt", thread,
  thread_archive_minutes AS "threadArchiveMinutes", role_id AS "roleId", format, pick, digest`;

/** Columns as the fields of `Delivery`. */
const DELIVERY = `chat_key AS "chatKey", slot, kind, entry_id AS "entryId", status, due_at AS "dueAt", attempts,
  next_attempt_at AS "nextAttemptAt", message_id AS "messageId", reply_to AS "replyTo", error,
  updated_at AS "updatedAt", thread_id AS "threadId", thread_url AS "threadUrl", thread_skip AS "threadSkip",
  question_id AS "questionId", role_skip AS "roleSkip"`;

const PUT_SUBSCRIPTION = `INSERT INTO daily_subscriptions (chat_key, platform, chat_id, time, timezone, category,
    reveal_after_hours, locale, active_from, gone_days, last_gone_date, disabled_at, thread,
    thread_archive_minutes, role_id, format, pick, digest)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (chat_key) DO UPDATE SET platform = excluded.platform, chat_id = excluded.chat_id,
    time = excluded.time, timezone = excluded.timezone, category = excluded.category,
    reveal_after_hours = excluded.reveal_after_hours, locale = excluded.locale,
    active_from = excluded.active_from, gone_days = excluded.gone_days,
    last_gone_date = excluded.last_gone_date, disabled_at = excluded.disabled_at, thread = excluded.thread,
    thread_archive_minutes = excluded.thread_archive_minutes, role_id = excluded.role_id,
    format = excluded.format, pick = excluded.pick, digest = excluded.digest`;

/** One more gone day unless `today` is counted; the chat disabled when it makes enough (see `markGone`). */
const MARK_GONE = `UPDATE daily_subscriptions SET gone_days = gone_days + 1, last_gone_date = ?,
    disabled_at = CASE WHEN gone_days + 1 >= ? THEN CAST(? AS BIGINT) ELSE disabled_at END
  WHERE chat_key = ? AND (last_gone_date IS NULL OR last_gone_date <> ?)
  RETURNING gone_days AS "goneDays", disabled_at AS "disabledAt"`;

const PUT_ROTATION = `INSERT INTO daily_rotations (chat_key, round, category, entry_ids, position)
  VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (chat_key) DO UPDATE SET round = excluded.round, category = excluded.category,
    entry_ids = excluded.entry_ids, position = excluded.position`;

const INSERT_DELIVERY = `INSERT INTO daily_deliveries (chat_key, slot, kind, entry_id, status, due_at, attempts,
    next_attempt_at, message_id, reply_to, error, updated_at, thread_id, thread_url, thread_skip,
    question_id, role_skip)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (kind, slot, chat_key) DO NOTHING`;

const PATCH_COLUMNS = {
  status: 'status',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  messageId: 'message_id',
  error: 'error',
  updatedAt: 'updated_at',
  threadId: 'thread_id',
  threadUrl: 'thread_url',
  threadSkip: 'thread_skip',
  questionId: 'question_id',
  roleSkip: 'role_skip',
} as const satisfies Record<keyof DeliveryPatch, string>;

/** A row of `daily_rotations`, its order still JSON. */
interface RotationRow {
  round: number;
  category: string | null;
  entryIds: string;
  position: number;
}

/** A list of `n` placeholders. */
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** DailyStore over an open database migrated to the part's latest version. */
export class SqlDaily implements DailyStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** It keeps nothing per person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    if (from === to) return;
    const chatId = parseChatKey(to)?.chatId ?? to;
    await this.#db.transaction(async () => {
      await this.#db.run('DELETE FROM daily_subscriptions WHERE chat_key = ?', [to]);
      await this.#db.run('DELETE FROM daily_rotations WHERE chat_key = ?', [to]);
      // A delivery of the same slot and kind under both keys: the moved chat's replaces the other.
      await this.#db.run(
        `DELETE FROM daily_deliveries WHERE chat_key = ? AND EXISTS (SELECT 1 FROM daily_deliveries f
           WHERE f.chat_key = ? AND f.kind = daily_deliveries.kind AND f.slot = daily_deliveries.slot)`,
        [to, from],
      );
      await this.#db.run('UPDATE daily_subscriptions SET chat_key = ?, chat_id = ? WHERE chat_key = ?', [
        to,
        chatId,
        from,
      ]);
      await this.#db.run('UPDATE daily_rotations SET chat_key = ? WHERE chat_key = ?', [to, from]);
      await this.#db.run('UPDATE daily_deliveries SET chat_key = ? WHERE chat_key = ?', [to, from]);
    });
  }

  async getSubscription(chatKey: string): Promise<Subscription | undefined> {
    return this.#db.get<Subscription>(`SELECT ${SUBSCRIPTION} FROM daily_subscriptions WHERE chat_key = ?`, [
      chatKey,
    ]);
  }

  /** By chat key's code points on both engines (PostgreSQL's locale would otherwise skip `-` and `:`). */
  async listSubscriptions(): Promise<Subscription[]> {
    const collate = this.#db.dialect === 'postgres' ? ' COLLATE "C"' : '';
    return this.#db.all<Subscription>(
      `SELECT ${SUBSCRIPTION} FROM daily_subscriptions ORDER BY chat_key${collate}`,
    );
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    const s = { ...SUBSCRIPTION_DEFAULTS, ...subscription };
    await this.#db.run(PUT_SUBSCRIPTION, [
      s.chatKey,
      s.platform,
      s.chatId,
      s.time,
      s.timezone,
      s.category,
      s.revealAfterHours,
      s.locale,
      s.activeFrom,
      s.goneDays,
      s.lastGoneDate,
      s.disabledAt,
      s.thread,
      s.threadArchiveMinutes,
      s.roleId,
      s.format,
      s.pick,
      s.digest,
    ]);
  }

  async deleteSubscription(chatKey: string): Promise<boolean> {
    return (await this.#db.run('DELETE FROM daily_subscriptions WHERE chat_key = ?', [chatKey])).changes > 0;
  }

  /** One statement: only the gone-day columns change, whatever else another replica wrote meanwhile. */
  async resetGone(chatKey: string): Promise<boolean> {
    const result = await this.#db.run(
      'UPDATE daily_subscriptions SET gone_days = 0, last_gone_date = NULL WHERE chat_key = ? AND gone_days > 0',
      [chatKey],
    );
    return result.changes > 0;
  }

  /** One statement: the count and the disabling read the row as it is when the UPDATE locks it. */
  async markGone(chatKey: string, today: string, disable: GoneDisable): Promise<GoneCount | undefined> {
    return this.#db.get<GoneCount>(MARK_GONE, [today, disable.after, disable.at, chatKey, today]);
  }

  /**
   * On PostgreSQL the row stays locked until the transaction it was read in ends: a claim reads the
   * rotation, picks the next question and writes the rotation back, and a claim of the same chat on
   * another replica waits for it instead of picking the same question from the same position.
   */
  async getRotation(chatKey: string): Promise<Rotation | undefined> {
    const lock = this.#db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const row = await this.#db.get<RotationRow>(
      `SELECT round, category, entry_ids AS "entryIds", position FROM daily_rotations WHERE chat_key = ?${lock}`,
      [chatKey],
    );
    if (!row) return undefined;
    const order = JSON.parse(row.entryIds) as string[];
    return { round: row.round, category: row.category, order, position: row.position };
  }

  async putRotation(chatKey: string, r: Rotation): Promise<void> {
    await this.#db.run(PUT_ROTATION, [chatKey, r.round, r.category, JSON.stringify(r.order), r.position]);
  }

  async getDelivery(key: DeliveryKey): Promise<Delivery | undefined> {
    return this.#db.get<Delivery>(
      `SELECT ${DELIVERY} FROM daily_deliveries WHERE kind = ? AND slot = ? AND chat_key = ?`,
      [key.kind, key.slot, key.chatKey],
    );
  }

  /** One statement: of several processes recording the same key, exactly one sees true. */
  async insertDelivery(delivery: Delivery): Promise<boolean> {
    const d = { ...DELIVERY_DEFAULTS, ...delivery };
    const result = await this.#db.run(INSERT_DELIVERY, [
      d.chatKey,
      d.slot,
      d.kind,
      d.entryId,
      d.status,
      d.dueAt,
      d.attempts,
      d.nextAttemptAt,
      d.messageId,
      d.replyTo,
      d.error,
      d.updatedAt,
      d.threadId,
      d.threadUrl,
      d.threadSkip,
      d.questionId,
      d.roleSkip,
    ]);
    return result.changes > 0;
  }

  /**
   * One statement (`UPDATE … WHERE status IN (…)`): of several processes moving the same delivery from
   * the same statuses, exactly one sees true (on PostgreSQL the others wait for its row and re-check).
   */
  async updateDelivery(
    key: DeliveryKey,
    from: readonly DeliveryStatus[],
    patch: DeliveryPatch,
  ): Promise<boolean> {
    const sets: string[] = [];
    const params: SqlValue[] = [];
    for (const [field, column] of Object.entries(PATCH_COLUMNS)) {
      const value = patch[field as keyof DeliveryPatch];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      params.push(value);
    }
    if (sets.length === 0 || from.length === 0) return false;
    const sql = `UPDATE daily_deliveries SET ${sets.join(', ')}
      WHERE kind = ? AND slot = ? AND chat_key = ? AND status IN (${marks(from.length)})`;
    const result = await this.#db.run(sql, [...params, key.kind, key.slot, key.chatKey, ...from]);
    return result.changes > 0;
  }

  async deliveriesByStatus(statuses: readonly DeliveryStatus[]): Promise<Delivery[]> {
    if (statuses.length === 0) return [];
    return this.#db.all<Delivery>(
      `SELECT ${DELIVERY} FROM daily_deliveries WHERE status IN (${marks(statuses.length)}) ORDER BY due_at`,
      statuses,
    );
  }

  async chatsWithDelivery(kind: DeliveryKind, slot: string): Promise<Set<string>> {
    const rows = await this.#db.all<{ chatKey: string }>(
      'SELECT chat_key AS "chatKey" FROM daily_deliveries WHERE kind = ? AND slot = ?',
      [kind, slot],
    );
    return new Set(rows.map((r) => r.chatKey));
  }

  async recentDeliveries(chatKey: string, limit: number): Promise<Delivery[]> {
    return this.#db.all<Delivery>(
      `SELECT ${DELIVERY} FROM daily_deliveries WHERE chat_key = ? ORDER BY due_at DESC LIMIT ?`,
      [chatKey, limit],
    );
  }

  async pruneDeliveries(before: number): Promise<number> {
    const result = await this.#db.run(
      "DELETE FROM daily_deliveries WHERE due_at < ? AND status NOT IN ('due', 'sending', 'retry')",
      [before],
    );
    return result.changes;
  }
}
