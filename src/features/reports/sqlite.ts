/** The reports part over SQLite: table `reports` (see `part.ts` for its migrations). */
import type { Database, Statement } from 'better-sqlite3';
import type { ChatKey } from '../../kernel/identity.ts';
import type { SqliteHandle } from '../../store/part.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
import type { NewReport, Report, ReportFilter, ReportStore } from './store.ts';

const COLUMNS = `id, entry_id AS entryId, platform, chat_key AS chatKey, user_key AS userKey, text,
  created_at AS createdAt, updated_at AS updatedAt, status, close_note AS closeNote, closed_at AS closedAt`;

/** ReportStore over an open database migrated to the part's latest version; writes go through `write`. */
export class SqliteReports implements ReportStore {
  readonly #write: WriteGuard;
  readonly #db: Database;
  readonly #get: Statement<[number], Report>;
  readonly #insert: Statement<[NewReport]>;

  constructor({ db, write }: SqliteHandle) {
    this.#db = db;
    this.#write = write;
    this.#get = db.prepare(`SELECT ${COLUMNS} FROM reports WHERE id = ?`);
    this.#insert = db.prepare(
      `INSERT INTO reports (entry_id, platform, chat_key, user_key, text, created_at, updated_at, status)
       VALUES (@entryId, @platform, @chatKey, @userKey, @text, @createdAt, @createdAt, 'open')`,
    );
  }

  async add(report: NewReport): Promise<Report> {
    const id = this.#write(() => Number(this.#insert.run(report).lastInsertRowid));
    return this.#get.get(id) as Report;
  }

  async get(id: number): Promise<Report | undefined> {
    return this.#get.get(id);
  }

  async openBy(userKey: string, entryId: string, since: number): Promise<Report | undefined> {
    return this.#db
      .prepare<[string, string, number], Report>(
        `SELECT ${COLUMNS} FROM reports WHERE user_key = ? AND entry_id = ? AND status = 'open'
         AND created_at >= ? ORDER BY id DESC LIMIT 1`,
      )
      .get(userKey, entryId, since);
  }

  async setText(id: number, text: string, at: number): Promise<Report | undefined> {
    this.#write(() =>
      this.#db.prepare('UPDATE reports SET text = ?, updated_at = ? WHERE id = ?').run(text, at, id),
    );
    return this.get(id);
  }

  async countSince(userKey: string, since: number): Promise<number> {
    const row = this.#db
      .prepare<[string, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM reports WHERE user_key = ? AND created_at >= ?',
      )
      .get(userKey, since);
    return row?.n ?? 0;
  }

  async list(filter: ReportFilter = {}): Promise<Report[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.open) where.push(`status = 'open'`);
    if (filter.entryId !== undefined) {
      where.push('entry_id = ?');
      params.push(filter.entryId);
    }
    const sql = `SELECT ${COLUMNS} FROM reports ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
    return this.#db.prepare<(string | number)[], Report>(sql).all(...params);
  }

  async close(id: number, note: string, at: number): Promise<Report | undefined> {
    this.#write(() =>
      this.#db
        .prepare(`UPDATE reports SET status = 'closed', close_note = ?, closed_at = ? WHERE id = ?`)
        .run(note, at, id),
    );
    return this.get(id);
  }

  /** A report stays with the account that filed it (what it says is about an entry, not a learner). */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    this.#write(() => this.#db.prepare('UPDATE reports SET chat_key = ? WHERE chat_key = ?').run(to, from));
  }
}
