/** The daily part over SQLite: tables `daily_subscriptions`, `daily_rotations`, `daily_deliveries`. */
import type { Database, Statement } from 'better-sqlite3';
import { type ChatKey, parseChatKey } from '../../kernel/identity.ts';
import type { SqliteHandle } from '../../store/part.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
import {
  type DailyStore,
  DELIVERY_DEFAULTS,
  type Delivery,
  type DeliveryKey,
  type DeliveryKind,
  type DeliveryPatch,
  type DeliveryStatus,
  type Rotation,
  SUBSCRIPTION_DEFAULTS,
  type Subscription,
} from './store.ts';

/** Columns as the fields of `Subscription`. */
const SUBSCRIPTION = `chat_key AS chatKey, platform, chat_id AS chatId, time, timezone, category,
  reveal_after_hours AS revealAfterHours, locale, active_from AS activeFrom, gone_days AS goneDays,
  last_gone_date AS lastGoneDate, disabled_at AS disabledAt, thread,
  thread_archive_minutes AS threadArchiveMinutes, role_id AS roleId, format, pick, digest`;

/** Columns as the fields of `Delivery`. */
const DELIVERY = `chat_key AS chatKey, slot, kind, entry_id AS entryId, status, due_at AS dueAt, attempts,
  next_attempt_at AS nextAttemptAt, message_id AS messageId, reply_to AS replyTo, error, updated_at AS updatedAt,
  thread_id AS threadId, thread_url AS threadUrl, thread_skip AS threadSkip, question_id AS questionId,
  role_skip AS roleSkip`;

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

/** The tables whose rows are keyed by chat and replaced by a moved chat's. */
const KEYED_BY_CHAT = ['daily_subscriptions', 'daily_rotations'] as const;

/** DailyStore over an open database migrated to the part's latest version; writes go through `write`. */
export class SqliteDaily implements DailyStore {
  readonly #db: Database;
  readonly #write: WriteGuard;
  readonly #s;
  readonly #cache = new Map<string, Statement>();

  constructor({ db, write }: SqliteHandle) {
    this.#db = db;
    this.#write = write;
    const p = <R = unknown>(sql: string) => db.prepare<unknown[], R>(sql);
    this.#s = {
      subGet: p<Subscription>(`SELECT ${SUBSCRIPTION} FROM daily_subscriptions WHERE chat_key = ?`),
      subAll: p<Subscription>(`SELECT ${SUBSCRIPTION} FROM daily_subscriptions ORDER BY chat_key`),
      subPut: p(
        `INSERT OR REPLACE INTO daily_subscriptions (chat_key, platform, chat_id, time, timezone, category,
           reveal_after_hours, locale, active_from, gone_days, last_gone_date, disabled_at, thread,
           thread_archive_minutes, role_id, format, pick, digest)
         VALUES (@chatKey, @platform, @chatId, @time, @timezone, @category, @revealAfterHours, @locale,
           @activeFrom, @goneDays, @lastGoneDate, @disabledAt, @thread, @threadArchiveMinutes, @roleId, @format, @pick,
           @digest)`,
      ),
      subDelete: p('DELETE FROM daily_subscriptions WHERE chat_key = ?'),
      rotGet: p<{ round: number; category: string | null; entry_ids: string; position: number }>(
        'SELECT round, category, entry_ids, position FROM daily_rotations WHERE chat_key = ?',
      ),
      rotPut: p(
        'INSERT OR REPLACE INTO daily_rotations (chat_key, round, category, entry_ids, position) VALUES (?, ?, ?, ?, ?)',
      ),
      delGet: p<Delivery>(
        `SELECT ${DELIVERY} FROM daily_deliveries WHERE kind = ? AND slot = ? AND chat_key = ?`,
      ),
      delInsert: p(
        `INSERT OR IGNORE INTO daily_deliveries (chat_key, slot, kind, entry_id, status, due_at, attempts,
           next_attempt_at, message_id, reply_to, error, updated_at, thread_id, thread_url, thread_skip,
           question_id, role_skip)
         VALUES (@chatKey, @slot, @kind, @entryId, @status, @dueAt, @attempts, @nextAttemptAt, @messageId,
           @replyTo, @error, @updatedAt, @threadId, @threadUrl, @threadSkip, @questionId, @roleSkip)`,
      ),
      delChats: p<{ chat_key: string }>('SELECT chat_key FROM daily_deliveries WHERE kind = ? AND slot = ?'),
      delPrune: p(
        "DELETE FROM daily_deliveries WHERE due_at < ? AND status NOT IN ('due', 'sending', 'retry')",
      ),
      delRecent: p<Delivery>(
        `SELECT ${DELIVERY} FROM daily_deliveries WHERE chat_key = ? ORDER BY due_at DESC LIMIT ?`,
      ),
      move: [
        'UPDATE daily_subscriptions SET chat_key = @to, chat_id = @chatId WHERE chat_key = @from',
        'UPDATE daily_rotations SET chat_key = @to WHERE chat_key = @from',
        'UPDATE daily_deliveries SET chat_key = @to WHERE chat_key = @from',
      ].map((sql) => p(sql)),
    };
  }

  /** It keeps nothing per person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    const chatId = parseChatKey(to)?.chatId ?? to;
    this.#write(() => {
      for (const table of KEYED_BY_CHAT) this.#prepared(`DELETE FROM ${table} WHERE chat_key = ?`).run(to);
      for (const statement of this.#s.move) statement.run({ from, to, chatId });
    });
  }

  async getSubscription(chatKey: string): Promise<Subscription | undefined> {
    return this.#s.subGet.get(chatKey);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return this.#s.subAll.all();
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    this.#write(() => this.#s.subPut.run({ ...SUBSCRIPTION_DEFAULTS, ...subscription }));
  }

  async deleteSubscription(chatKey: string): Promise<boolean> {
    return this.#write(() => this.#s.subDelete.run(chatKey).changes > 0);
  }

  async getRotation(chatKey: string): Promise<Rotation | undefined> {
    const row = this.#s.rotGet.get(chatKey);
    if (!row) return undefined;
    const order = JSON.parse(row.entry_ids) as string[];
    return { round: row.round, category: row.category, order, position: row.position };
  }

  async putRotation(chatKey: string, r: Rotation): Promise<void> {
    this.#write(() => this.#s.rotPut.run(chatKey, r.round, r.category, JSON.stringify(r.order), r.position));
  }

  async getDelivery(key: DeliveryKey): Promise<Delivery | undefined> {
    return this.#s.delGet.get(key.kind, key.slot, key.chatKey);
  }

  async insertDelivery(d: Delivery): Promise<boolean> {
    return this.#write(() => this.#s.delInsert.run({ ...DELIVERY_DEFAULTS, ...d }).changes > 0);
  }

  async updateDelivery(
    key: DeliveryKey,
    from: readonly DeliveryStatus[],
    patch: DeliveryPatch,
  ): Promise<boolean> {
    const sets: string[] = [];
    const values: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(PATCH_COLUMNS)) {
      const value = patch[field as keyof DeliveryPatch];
      if (value === undefined) continue;
      sets.push(`${column} = @${field}`);
      values[field] = value;
    }
    if (sets.length === 0 || from.length === 0) return false;
    const statuses = from.map((_, i) => `@from${i}`).join(', ');
    from.forEach((s, i) => {
      values[`from${i}`] = s;
    });
    const sql = `UPDATE daily_deliveries SET ${sets.join(', ')}
      WHERE kind = @kind AND slot = @slot AND chat_key = @chatKey AND status IN (${statuses})`;
    const params = { ...values, kind: key.kind, slot: key.slot, chatKey: key.chatKey };
    return this.#write(() => this.#prepared(sql).run(params).changes > 0);
  }

  async deliveriesByStatus(statuses: readonly DeliveryStatus[]): Promise<Delivery[]> {
    if (statuses.length === 0) return [];
    const marks = statuses.map(() => '?').join(', ');
    const sql = `SELECT ${DELIVERY} FROM daily_deliveries WHERE status IN (${marks}) ORDER BY due_at`;
    return this.#prepared(sql).all(...statuses) as Delivery[];
  }

  async chatsWithDelivery(kind: DeliveryKind, slot: string): Promise<Set<string>> {
    return new Set(this.#s.delChats.all(kind, slot).map((r) => r.chat_key));
  }

  async recentDeliveries(chatKey: string, limit: number): Promise<Delivery[]> {
    return this.#s.delRecent.all(chatKey, limit);
  }

  async pruneDeliveries(before: number): Promise<number> {
    return this.#write(() => this.#s.delPrune.run(before).changes);
  }

  #prepared(sql: string): Statement {
    let statement = this.#cache.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#cache.set(sql, statement);
    }
    return statement;
  }
}
