/** The answers part over SQLite: tables `answers` and `activity` (see `part.ts` for their migrations). */
import type { Database, Statement } from 'better-sqlite3';
import type { ChatKey, UserKey } from '../../kernel/identity.ts';
import type { SqliteHandle } from '../../store/part.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
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

const COLUMNS = `platform, chat_key AS chatKey, user_key AS userKey, user_name AS userName,
  question_id AS questionId, entry_id AS entryId, category, item, chosen, correct,
  answered_at AS answeredAt, time_ms AS timeMs`;

/** A row as SQLite returns it: `correct` is 0 or 1. */
type AnswerRow = Omit<AnswerRecord, 'correct'> & { correct: number };

const TALLY = `SELECT user_key AS userKey, user_name AS userName, MAX(answered_at) AS latest,
  COUNT(*) AS answered, SUM(correct) AS correct, SUM(time_ms) AS timeMs
  FROM answers WHERE chat_key = @chatKey AND answered_at >= @from AND answered_at < @to`;

/** AnswerStore over an open database migrated to the part's latest version; writes go through `write`. */
export class SqliteAnswers implements AnswerStore {
  readonly #write: WriteGuard;
  readonly #db: Database;
  readonly #insert: Statement<[AnswerRecord & { correctBit: number }]>;
  readonly #tally: Statement<[Span & { chatKey: string }], Tally & { latest: number }>;
  readonly #tallyIn: Statement<[Span & { chatKey: string; category: string }], Tally & { latest: number }>;
  // Prepared once: every answer runs these (a `prepare` per call parses and plans the SQL again).
  readonly #answerOf: Statement<[string, string, string], AnswerRow>;
  readonly #counts: Statement<[string, string], OptionCount>;
  readonly #markActive: Statement<[string, string, string]>;

  constructor({ db, write }: SqliteHandle) {
    this.#db = db;
    this.#write = write;
    this.#insert = db.prepare(
      `INSERT OR IGNORE INTO answers (platform, chat_key, user_key, user_name, question_id, entry_id,
        category, item, chosen, correct, answered_at, time_ms)
       VALUES (@platform, @chatKey, @userKey, @userName, @questionId, @entryId,
        @category, @item, @chosen, @correctBit, @answeredAt, @timeMs)`,
    );
    // SQLite takes the bare user_name from the row that gave MAX(answered_at): the latest name.
    this.#tally = db.prepare(`${TALLY} GROUP BY user_key`);
    this.#tallyIn = db.prepare(`${TALLY} AND category = @category GROUP BY user_key`);
    this.#answerOf = db.prepare(
      `SELECT ${COLUMNS} FROM answers WHERE chat_key = ? AND user_key = ? AND question_id = ?`,
    );
    this.#counts = db.prepare(
      `SELECT chosen, COUNT(*) AS count FROM answers WHERE chat_key = ? AND question_id = ?
       GROUP BY chosen ORDER BY chosen`,
    );
    this.#markActive = db.prepare('INSERT OR IGNORE INTO activity (user_key, day, source) VALUES (?, ?, ?)');
  }

  async record(answer: AnswerRecord): Promise<boolean> {
    return this.#write(
      () => this.#insert.run({ ...answer, correctBit: answer.correct ? 1 : 0 }).changes === 1,
    );
  }

  async tally(chatKey: string, span: Span, category?: string): Promise<Tally[]> {
    const rows =
      category === undefined
        ? this.#tally.all({ chatKey, ...span })
        : this.#tallyIn.all({ chatKey, ...span, category });
    return rows.map(({ latest: _, ...t }) => t);
  }

  async categories(user: UserKey): Promise<CategoryTally[]> {
    return this.#db
      .prepare<[string], CategoryTally>(
        `SELECT category, COUNT(*) AS answered, SUM(correct) AS correct
         FROM answers WHERE user_key = ? GROUP BY category`,
      )
      .all(user);
  }

  async moments(user: UserKey): Promise<AnswerMoment[]> {
    return this.#db
      .prepare<[string], AnswerMoment>(
        // Integer division (a bound JS number would be a REAL).
        `SELECT DISTINCT chat_key AS chatKey, (answered_at / ${QUARTER_MS}) * ${QUARTER_MS} AS at
         FROM answers WHERE user_key = ?`,
      )
      .all(user);
  }

  async markActive(user: UserKey, day: string, source: ActivitySource): Promise<void> {
    this.#write(() => this.#markActive.run(user, day, source));
  }

  async activeDays(user: UserKey): Promise<string[]> {
    return this.#db
      .prepare<[string], { day: string }>('SELECT DISTINCT day FROM activity WHERE user_key = ? ORDER BY day')
      .all(user)
      .map((r) => r.day);
  }

  async answersIn(chatKey: string): Promise<AnswerRecord[]> {
    return this.#db
      .prepare<[string], AnswerRow>(
        `SELECT ${COLUMNS} FROM answers WHERE chat_key = ? ORDER BY answered_at, user_key, question_id`,
      )
      .all(chatKey)
      .map((r) => ({ ...r, correct: r.correct === 1 }));
  }

  async answerOf(chatKey: string, user: UserKey, questionId: string): Promise<AnswerRecord | undefined> {
    const row = this.#answerOf.get(chatKey, user, questionId);
    return row ? { ...row, correct: row.correct === 1 } : undefined;
  }

  async counts(chatKey: string, questionId: string): Promise<OptionCount[]> {
    return this.#counts.all(chatKey, questionId);
  }

  async forget(user: UserKey): Promise<number> {
    return this.#write(() => {
      const answers = this.#db.prepare('DELETE FROM answers WHERE user_key = ?').run(user).changes;
      const days = this.#db.prepare('DELETE FROM activity WHERE user_key = ?').run(user).changes;
      return answers + days;
    });
  }

  /**
   * Merges a person's answers and active days into another's. An asked question both answered (two
   * accounts in one chat) keeps the answer already counted for `to`.
   */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    this.#write(() => {
      this.#db.prepare('UPDATE OR IGNORE answers SET user_key = ? WHERE user_key = ?').run(to, from);
      this.#db.prepare('DELETE FROM answers WHERE user_key = ?').run(from);
      this.#db
        .prepare(
          'INSERT OR IGNORE INTO activity (user_key, day, source) SELECT ?, day, source FROM activity WHERE user_key = ?',
        )
        .run(to, from);
      this.#db.prepare('DELETE FROM activity WHERE user_key = ?').run(from);
    });
  }

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    this.#write(() => {
      this.#db.prepare('DELETE FROM answers WHERE chat_key = ?').run(to);
      this.#db.prepare('UPDATE answers SET chat_key = ? WHERE chat_key = ?').run(to, from);
    });
  }
}
