/** The answers store contract, run against memory and SQLite (an in-memory database migrated here). */

import Database from 'better-sqlite3';
import { ANSWERS_MIGRATIONS, answersPart } from '../../src/features/scores/part.ts';
import { sqlitePartStore } from '../../src/store/sqlite.ts';
import { answersContract } from './contract/answers.ts';

answersContract('memory', () => answersPart.memory());

answersContract('sqlite', () => {
  const db = new Database(':memory:');
  for (const sql of ANSWERS_MIGRATIONS) db.exec(sql);
  return sqlitePartStore(db, answersPart);
});
