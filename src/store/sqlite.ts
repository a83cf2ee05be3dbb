/**
 * The SQLite store: one file `dlkb.sqlite` in the data folder (created on first use), WAL journal,
 * migrations applied at open. The connection holds an exclusive lock, so a second dlkb process on the
 * same folder fails at start instead of posting the daily question twice.
 */

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReviews } from '../features/review/sqlite.ts';
import { parseChatKey } from '../kernel/identity.ts';
import { migrate, SCHEMA_VERSION, schemaVersion } from './migrations.ts';
import { openFailureMessage } from './open-failure.ts';
import type {
  Delivery,
  DeliveryKey,
  DeliveryKind,
  DeliveryPatch,
  DeliveryStatus,
  Rotation,
  Store,
  Subscription,
} from './store.ts';
import { StoreError } from './store.ts';
import { fileWriteGuard, type WriteGuard } from './write-guard.ts';

/** The file name of the database inside the data folder. */
export const DATABASE_FILE = 'dlkb.sqlite';

/** Columns as the fields of `Subscription`. */
const SUBSCRIPTION = `chat_key AS chatKey, platform, chat_id AS chatId, time, timezone, category,
  reveal_after_hours AS revealAfterHours, locale, active_from AS activeFrom, gone_days AS goneDays,
  last_gone_date AS lastGoneDate, disabled_at AS disabledAt`;

/** Columns as the fields of `Delivery`. */
const DELIVERY = `chat_key AS chatKey, slot, kind, entry_id AS entryId, status, due_at AS dueAt, attempts,
  next_attempt_at AS nextAttemptAt, message_id AS messageId, reply_to AS replyTo, error, updated_at AS updatedAt`;

const PATCH_COLUMNS = {
  status: 'status',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  messageId: 'message_id',
  error: 'error',
  updatedAt: 'updated_at',
} as const satisfies Record<keyof DeliveryPatch, string>;

/**
 * Opens (creating when needed) the database in `dataDir`, migrated to the current schema.
 * `busyTimeoutMs`: how long to wait for another process holding the file (default 2 s).
 * @throws StoreError with a message naming the file and what to do: the folder cannot be created, the file
 *   is not a database or is corrupt, cannot be written, is in use by another process, or is from a newer dlkb.
 */
export function openSqliteStore(dataDir: string, options: { busyTimeoutMs?: number } = {}): SqliteStore {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const what = code === 'EEXIST' || code === 'ENOTDIR' ? 'it is a file, not a folder' : code;
    throw new StoreError(
      `Cannot create the data folder ${dir} (${what}). ` +
        'Create it yourself, or set DLKB_DATA_DIR to a folder dlkb may write.',
      dir,
      { cause: error },
    );
  }
  const file = join(dir, DATABASE_FILE);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 2000 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new StoreError(
        `${file} was written by a newer dlkb (schema ${version}; this one knows up to ${SCHEMA_VERSION}). ` +
          'Run the newer dlkb, or point DLKB_DATA_DIR at another folder.',
        file,
      );
    }
    migrate(db);
    // A write even when nothing was migrated: a read-only file fails here, at start.
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return new SqliteStore(db, file);
  } catch (error) {
    db?.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(openFailureMessage(error, file), file, { cause: error });
  }
}

/**
 * The `Store` over one SQLite database (see `openSqliteStore`). Every write goes through a guard
 * (`write-guard.ts`): one that did not reach the file (disk full, the file deleted or replaced) fails
 * instead of counting as done.
 * @throws StoreWriteError from every write that did not reach the file.
 */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #s;
  readonly #write: WriteGuard;
  readonly reviews: SqliteReviews;

  /** Use `openSqliteStore`. */
  constructor(
    db: Database.Database,
    /** The database file. */
    readonly file: string,
  ) {
    this.#db = db;
    this.#write = fileWriteGuard(file);
    this.reviews = new SqliteReviews(db, this.#write);
    const p = <R = unknown>(sql: string) => db.prepare<unknown[], R>(sql);
    this.#s = {
      recentGet: p<{ entry_ids: string }>('SELECT entry_ids FROM quiz_recent WHERE chat_key = ?'),
      recentPut: p(
        'INSERT INTO quiz_recent (chat_key, entry_ids) VALUES (?, ?) ON CONFLICT (chat_key) DO UPDATE SET entry_ids = excluded.entry_ids',
      ),
      subGet: p<Subscription>(`SELECT ${SUBSCRIPTION} FROM daily_subscriptions WHERE chat_key = ?`),
      subAll: p<Subscription>(`SELECT ${SUBSCRIPTION} FROM daily_subscriptions ORDER BY chat_key`),
      subPut: p(
        `INSERT OR REPLACE INTO daily_subscriptions (chat_key, platform, chat_id, time, timezone, category,
           reveal_after_hours, locale, active_from, gone_days, last_gone_date, disabled_at)
         VALUES (@chatKey, @platform, @chatId, @time, @timezone, @category, @revealAfterHours, @locale,
           @activeFrom, @goneDays, @lastGoneDate, @disabledAt)`,
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
           next_attempt_at, message_id, reply_to, error, updated_at)
         VALUES (@chatKey, @slot, @kind, @entryId, @status, @dueAt, @attempts, @nextAttemptAt, @messageId,
           @replyTo, @error, @updatedAt)`,
      ),
      delChats: p<{ chat_key: string }>('SELECT chat_key FROM daily_deliveries WHERE kind = ? AND slot = ?'),
      delPrune: p(
        "DELETE FROM daily_deliveries WHERE due_at < ? AND status NOT IN ('due', 'sending', 'retry')",
      ),
      delRecent: p<Delivery>(
        `SELECT ${DELIVERY} FROM daily_deliveries WHERE chat_key = ? ORDER BY due_at DESC LIMIT ?`,
      ),
      migrate: [
        'UPDATE quiz_recent SET chat_key = @to WHERE chat_key = @from',
        'UPDATE daily_subscriptions SET chat_key = @to, chat_id = @chatId WHERE chat_key = @from',
        'UPDATE daily_rotations SET chat_key = @to WHERE chat_key = @from',
        'UPDATE daily_deliveries SET chat_key = @to WHERE chat_key = @from',
      ].map((sql) => p(sql)),
    };
  }

  recentQuiz(chatKey: string): string[] {
    const row = this.#s.recentGet.get(chatKey);
    return row ? (JSON.parse(row.entry_ids) as string[]) : [];
  }

  rememberQuiz(chatKey: string, entryId: string, keep: number): void {
    const list = [entryId, ...this.recentQuiz(chatKey).filter((id) => id !== entryId)].slice(0, keep);
    this.#write(() => this.#s.recentPut.run(chatKey, JSON.stringify(list)));
  }

  migrateChat(fromKey: string, toKey: string): void {
    const chatId = parseChatKey(toKey)?.chatId ?? toKey;
    this.#write(() => {
      for (const table of ['quiz_recent', 'daily_subscriptions', 'daily_rotations']) {
        this.#db.prepare(`DELETE FROM ${table} WHERE chat_key = ?`).run(toKey);
      }
      for (const statement of this.#s.migrate) statement.run({ from: fromKey, to: toKey, chatId });
    });
  }

  getSubscription(chatKey: string): Subscription | undefined {
    const row = this.#s.subGet.get(chatKey);
    return row;
  }

  listSubscriptions(): Subscription[] {
    return this.#s.subAll.all();
  }

  putSubscription(subscription: Subscription): void {
    this.#write(() => this.#s.subPut.run({ ...subscription }));
  }

  deleteSubscription(chatKey: string): boolean {
    return this.#write(() => this.#s.subDelete.run(chatKey).changes > 0);
  }

  getRotation(chatKey: string): Rotation | undefined {
    const row = this.#s.rotGet.get(chatKey);
    if (!row) return undefined;
    const order = JSON.parse(row.entry_ids) as string[];
    return { round: row.round, category: row.category, order, position: row.position };
  }

  putRotation(chatKey: string, r: Rotation): void {
    this.#write(() => this.#s.rotPut.run(chatKey, r.round, r.category, JSON.stringify(r.order), r.position));
  }

  getDelivery(key: DeliveryKey): Delivery | undefined {
    const row = this.#s.delGet.get(key.kind, key.slot, key.chatKey);
    return row;
  }

  insertDelivery(d: Delivery): boolean {
    return this.#write(() => this.#s.delInsert.run({ ...d }).changes > 0);
  }

  updateDelivery(key: DeliveryKey, from: readonly DeliveryStatus[], patch: DeliveryPatch): boolean {
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

  deliveriesByStatus(statuses: readonly DeliveryStatus[]): Delivery[] {
    if (statuses.length === 0) return [];
    const marks = statuses.map(() => '?').join(', ');
    const sql = `SELECT ${DELIVERY} FROM daily_deliveries WHERE status IN (${marks}) ORDER BY due_at`;
    return this.#prepared(sql).all(...statuses) as Delivery[];
  }

  chatsWithDelivery(kind: DeliveryKind, slot: string): Set<string> {
    return new Set(this.#s.delChats.all(kind, slot).map((r) => r.chat_key));
  }

  recentDeliveries(chatKey: string, limit: number): Delivery[] {
    return this.#s.delRecent.all(chatKey, limit);
  }

  pruneDeliveries(before: number): number {
    return this.#write(() => this.#s.delPrune.run(before).changes);
  }

  transaction<T>(fn: () => T): T {
    return this.#write(() => this.#db.transaction(fn)());
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  /**
   * Copies the database to `destination` while it is in use (SQLite's online backup API): the only way,
   * since the exclusive lock keeps other processes (the `sqlite3` shell too) out while dlkb runs.
   */
  async backup(destination: string): Promise<void> {
    await this.#db.backup(destination);
  }

  readonly #cache = new Map<string, Database.Statement>();

  #prepared(sql: string): Database.Statement {
    let statement = this.#cache.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#cache.set(sql, statement);
    }
    return statement;
  }
}
