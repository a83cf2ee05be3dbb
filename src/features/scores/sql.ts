/** The answers part over SQLite or PostgreSQL: tables `answers` and `activity` (migrations in `part.ts`). */
import type { ChatKey, UserKey } from '../../kernel/identity.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import type { AnswerRecord } from './answer.ts';
import {
  type ActivitySource,
  type AnswerMoment,
  type AnswerStore,
  type CategoryTally,
  type OptionCount,
  QUARTER_MS,
  type Span,
  type Tally,
} from './store.ts';

const FIELDS = `platform, chat_key, user_key, user_name, question_id, entry_id, category, item, chosen,
  correct, answered_at, time_ms`;

const COLUMNS = `platform, chat_key AS "chatKey", user_key AS "userKey", user_name AS "userName",
  question_id AS "questionId", entry_id AS "entryId", category, item, chosen, correct,
  answered_at AS "answeredAt", time_ms AS "timeMs"`;

/** A row as the database returns it: `correct` is 0 or 1. */
type AnswerRow = Omit<AnswerRecord, 'correct'> & { correct: number };

const fromRow = (r: AnswerRow): AnswerRecord => ({ ...r, correct: r.correct === 1 });

/** One statement, so that two replicas recording one press at once count it once (the key decides). */
const RECORD = `INSERT INTO answers (${FIELDS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (chat_key, user_key, question_id) DO NOTHING`;

/**
 * The name a person's latest answer in the span carried: SQLite takes a bare column from the row that gave
 * MAX(answered_at); PostgreSQL has no bare columns, so it picks it from the names ordered by time.
 */
const LATEST_NAME = {
  sqlite: 'user_name, MAX(answered_at) AS latest',
  postgres: '(ARRAY_AGG(user_name ORDER BY answered_at DESC))[1] AS user_name',
} as const;

/** AnswerStore over an open database migrated to the part's latest version. */
export class SqlAnswers implements AnswerStore {
  readonly #db: SqlDatabase;
  readonly #tally: string;
  readonly #tallyIn: string;
  readonly #answersIn: string;

  constructor(db: SqlDatabase) {
    this.#db = db;
    // Ties sorted by code point on both engines (SQLite's BINARY; PostgreSQL's "C", whatever its locale).
    const c = db.dialect === 'postgres' ? ' COLLATE "C"' : '';
    this.#answersIn = `SELECT ${COLUMNS} FROM answers WHERE chat_key = ?
      ORDER BY answered_at, user_key${c}, question_id${c}`;
    const tally = `SELECT user_key AS "userKey", ${LATEST_NAME[db.dialect]}, COUNT(*) AS answered,
      SUM(correct) AS correct, SUM(time_ms) AS "timeMs"
      FROM answers WHERE chat_key = ? AND answered_at >= ? AND answered_at < ?`;
    this.#tally = `${tally} GROUP BY user_key`;
    this.#tallyIn = `${tally} AND category = ? GROUP BY user_key`;
  }

  async record(a: AnswerRecord): Promise<boolean> {
    const { changes } = await this.#db.run(RECORD, [
      a.platform,
      a.chatKey,
      a.userKey,
      a.userName,
      a.questionId,
      a.entryId,
      a.category,
      a.item,
      a.chosen,
      a.correct ? 1 : 0,
      a.answeredAt,
      a.timeMs,
    ]);
    return changes === 1;
  }

  async tally(chatKey: string, span: Span, category?: string): Promise<Tally[]> {
    type Row = Omit<Tally, 'userName'> & { user_name: string; latest?: number };
    const rows =
      category === undefined
        ? await this.#db.all<Row>(this.#tally, [chatKey, span.from, span.to])
        : await this.#db.all<Row>(this.#tallyIn, [chatKey, span.from, span.to, category]);
    return rows.map((r) => ({
      userKey: r.userKey,
      userName: r.user_name,
      answered: r.answered,
      correct: r.correct,
      timeMs: r.timeMs,
    }));
  }

  async categories(user: UserKey): Promise<CategoryTally[]> {
    return this.#db.all<CategoryTally>(
      `SELECT category, COUNT(*) AS answered, SUM(correct) AS correct
       FROM answers WHERE user_key = ? GROUP BY category`,
      [user],
    );
  }

  async moments(user: UserKey): Promise<AnswerMoment[]> {
    // Integer division on both engines: the column is an integer and so is the literal.
    return this.#db.all<AnswerMoment>(
      `SELECT DISTINCT chat_key AS "chatKey", (answered_at / ${QUARTER_MS}) * ${QUARTER_MS} AS at
       FROM answers WHERE user_key = ?`,
      [user],
    );
  }

  async markActive(user: UserKey, day: string, source: ActivitySource): Promise<void> {
    await this.#db.run(
      `INSERT INTO activity (user_key, day, source) VALUES (?, ?, ?)
       ON CONFLICT (user_key, day, source) DO NOTHING`,
      [user, day, source],
    );
  }

  async activeDays(user: UserKey): Promise<string[]> {
    const rows = await this.#db.all<{ day: string }>(
      'SELECT DISTINCT day FROM activity WHERE user_key = ? ORDER BY day',
      [user],
    );
    return rows.map((r) => r.day);
  }

  async answersIn(chatKey: string): Promise<AnswerRecord[]> {
    const rows = await this.#db.all<AnswerRow>(this.#answersIn, [chatKey]);
    return rows.map(fromRow);
  }

  async answerOf(chatKey: string, user: UserKey, questionId: string): Promise<AnswerRecord | undefined> {
    const row = await this.#db.get<AnswerRow>(
      `SELECT ${COLUMNS} FROM answers WHERE chat_key = ? AND user_key = ? AND question_id = ?`,
      [chatKey, user, questionId],
    );
    return row && fromRow(row);
  }

  async counts(chatKey: string, questionId: string): Promise<OptionCount[]> {
    return this.#db.all<OptionCount>(
      `SELECT chosen, COUNT(*) AS count FROM answers WHERE chat_key = ? AND question_id = ?
       GROUP BY chosen ORDER BY chosen`,
      [chatKey, questionId],
    );
  }

  async forget(user: UserKey): Promise<number> {
    return this.#db.transaction(async () => {
      const answers = await this.#db.run('DELETE FROM answers WHERE user_key = ?', [user]);
      const days = await this.#db.run('DELETE FROM activity WHERE user_key = ?', [user]);
      return answers.changes + days.changes;
    });
  }

  /**
   * Merges a person's answers and active days into another's. An asked question both answered (two
   * accounts in one chat) keeps the answer already counted for `to`.
   */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    await this.#db.transaction(async () => {
      // `AND true`: a WHERE tells SQLite the ON CONFLICT belongs to the INSERT, not to a join.
      await this.#db.run(
        `INSERT INTO answers (${FIELDS})
         SELECT platform, chat_key, ?, user_name, question_id, entry_id, category, item, chosen, correct,
           answered_at, time_ms
         FROM answers WHERE user_key = ? AND true
         ON CONFLICT (chat_key, user_key, question_id) DO NOTHING`,
        [to, from],
      );
      await this.#db.run('DELETE FROM answers WHERE user_key = ?', [from]);
      await this.#db.run(
        `INSERT INTO activity (user_key, day, source)
         SELECT ?, day, source FROM activity WHERE user_key = ? AND true
         ON CONFLICT (user_key, day, source) DO NOTHING`,
        [to, from],
      );
      await this.#db.run('DELETE FROM activity WHERE user_key = ?', [from]);
    });
  }

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    await this.#db.transaction(async () => {
      await this.#db.run('DELETE FROM answers WHERE chat_key = ?', [to]);
      await this.#db.run('UPDATE answers SET chat_key = ? WHERE chat_key = ?', [to, from]);
    });
  }
}
