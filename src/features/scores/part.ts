/**
 * The scores feature's part of the database, `answers`: the answer ledger (one row per person and asked
 * question, so duplicated updates and double presses count once) and the days people were active.
 */
import { storePart } from '../../store/part.ts';
import type { Migration } from '../../store/sql.ts';
import { MemoryAnswers } from './memory.ts';
import { SqlAnswers } from './sql.ts';
import type { AnswerStore } from './store.ts';

/** Migration 1 on PostgreSQL: epoch milliseconds need BIGINT; no `WITHOUT ROWID`. */
const POSTGRES_TABLES = `CREATE TABLE answers (
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
    answered_at BIGINT NOT NULL,
    time_ms BIGINT NOT NULL,
    PRIMARY KEY (chat_key, user_key, question_id)
  );
  CREATE INDEX answers_chat_time ON answers (chat_key, answered_at);
  CREATE INDEX answers_user ON answers (user_key, category);
  CREATE TABLE activity (
    user_key TEXT NOT NULL,
    day TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('answer', 'review')),
    PRIMARY KEY (user_key, day, source)
  );`;

/** The part's migrations, in order (only ever appended); the SQLite texts are as first published. */
export const ANSWERS_MIGRATIONS: readonly Migration[] = [
  {
    postgres: POSTGRES_TABLES,
    sqlite: `CREATE TABLE answers (
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
  },
  // The answers to one asked question (its count of answers and their distribution, per press); both engines.
  'CREATE INDEX answers_question ON answers (chat_key, question_id, chosen);',
];

/** The `answers` store part: `store.answers`, also `services.scores` for the commands. */
export const answersPart = storePart({
  name: 'answers',
  migrations: ANSWERS_MIGRATIONS,
  sql: (db): AnswerStore => new SqlAnswers(db),
  memory: (): AnswerStore => new MemoryAnswers(),
});
