/** The reports part over SQL, SQLite or PostgreSQL: table `reports` (see `part.ts` for its migrations). */
import type { ChatKey } from '../../kernel/identity.ts';
import type { SqlDatabase, SqlValue } from '../../store/sql.ts';
import type { NewReport, Report, ReportFilter, ReportStore } from './store.ts';

const COLUMNS = `id, entry_id AS "entryId", platform, chat_key AS "chatKey", user_key AS "userKey", text,
  created_at AS "createdAt", updated_at AS "updatedAt", status, close_note AS "closeNote", closed_at AS "closedAt"`;

/** Waits for, then holds until the transaction ends, the lock on one person's reports (PostgreSQL). */
const LOCK_PERSON = `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('dlkb.reports'),
  hashtext(CAST(? AS TEXT)))) AS person`;

/**
 * ReportStore over an open database migrated to the part's latest version. Each call is one statement:
 * a write gives back the row it wrote (`RETURNING`), so a report's number comes from the database that
 * numbered it, whichever replica filed it; filing (read, then write) runs under `forPerson`.
 */
export class SqlReports implements ReportStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async add(report: NewReport): Promise<Report> {
    const added = await this.#db.get<Report>(
      `INSERT INTO reports (entry_id, platform, chat_key, user_key, text, created_at, updated_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'open') RETURNING ${COLUMNS}`,
      [
        report.entryId,
        report.platform,
        report.chatKey,
        report.userKey,
        report.text,
        report.createdAt,
        report.createdAt,
      ],
    );
    if (!added) throw new Error('INSERT … RETURNING gave no row');
    return added;
  }

  async get(id: number): Promise<Report | undefined> {
    return this.#db.get<Report>(`SELECT ${COLUMNS} FROM reports WHERE id = ?`, [id]);
  }

  async openBy(userKey: string, entryId: string, since: number): Promise<Report | undefined> {
    return this.#db.get<Report>(
      `SELECT ${COLUMNS} FROM reports WHERE user_key = ? AND entry_id = ? AND status = 'open'
       AND created_at >= ? ORDER BY id DESC LIMIT 1`,
      [userKey, entryId, since],
    );
  }

  async setText(id: number, text: string, at: number): Promise<Report | undefined> {
    return this.#db.get<Report>(
      `UPDATE reports SET text = ?, updated_at = ? WHERE id = ? RETURNING ${COLUMNS}`,
      [text, at, id],
    );
  }

  async countSince(userKey: string, since: number): Promise<number> {
    const row = await this.#db.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM reports WHERE user_key = ? AND created_at >= ?',
      [userKey, since],
    );
    return row?.n ?? 0;
  }

  async list(filter: ReportFilter = {}): Promise<Report[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.open) where.push(`status = 'open'`);
    if (filter.entryId !== undefined) {
      where.push('entry_id = ?');
      params.push(filter.entryId);
    }
    const sql = `SELECT ${COLUMNS} FROM reports ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
    return this.#db.all<Report>(sql, params);
  }

  async close(id: number, note: string, at: number): Promise<Report | undefined> {
    return this.#db.get<Report>(
      `UPDATE reports SET status = 'closed', close_note = ?, closed_at = ? WHERE id = ? RETURNING ${COLUMNS}`,
      [note, at, id],
    );
  }

  /**
   * On PostgreSQL the lock (the person's key hashed, in a key space of its own) is held until the
   * transaction ends, so a report filed on another replica waits for this one and then sees it.
   */
  async forPerson<T>(userKey: string, fn: () => Promise<T>): Promise<T> {
    return this.#db.transaction(async () => {
      if (this.#db.dialect === 'postgres') await this.#db.get(LOCK_PERSON, [userKey]);
      return await fn();
    });
  }

  /** A report stays with the account that filed it (what it says is about an entry, not a learner). */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    await this.#db.run('UPDATE reports SET chat_key = ? WHERE chat_key = ?', [to, from]);
  }
}
