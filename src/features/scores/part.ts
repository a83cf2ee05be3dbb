/**
 * The scores feature's part of the database, `answers`: the answer ledger (one row per person and asked
 * question, so duplicated updates and double presses count once) and the days people were active.
 */
import { storePart } from '../../store/part.ts';
import { MemoryAnswers } from './memory.ts';
import { SqliteAnswers } from './sqlite.ts';
import type { AnswerStore } from './store.ts';

/** The part's migrations, in order (only ever appended). */
export const ANSWERS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE answers (
     chat_key TEXT NOT NULL,
     user_key TEXT NOT NULL,
     question_id TEXT NOT NULL,
     platform TEXT NOT NULL,
     user_name TEXT NOT NULL,
     entry_id TEXT NOT NULL,
     category TEXT NOT NULL,
     item INTEGER NOT NULL,
     chosen INTEGER NOT NULL,
     correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
     answered_at INTEGER NOT NULL,
     time_ms INTEGER NOT NULL,
     PRIMARY KEY (chat_key, user_key, question_id)
   ) WITHOUT ROWID;
   CREATE INDEX answers_chat_time ON answers (chat_key, answered_at);
   CREATE INDEX answers_user ON answers (user_key, category);
   CREATE TABLE activity (
     user_key TEXT NOT NULL,
     day TEXT NOT NULL,
     source TEXT NOT NULL CHECK (source IN ('answer', 'review')),
     PRIMARY KEY (user_key, day, source)
   ) WITHOUT ROWID;`,
  // The answers to one asked question (its count of answers and their distribution, per press).
  'CREATE INDEX answers_question ON answers (chat_key, question_id, chosen);',
];

/** The `answers` store part: `store.answers`, also `services.scores` for the commands. */
export const answersPart = storePart({
  name: 'answers',
  migrations: ANSWERS_MIGRATIONS,
  sqlite: (handle): AnswerStore => new SqliteAnswers(handle),
  memory: (): AnswerStore => new MemoryAnswers(),
});
