/** The reports store contract, run against memory and SQLite (an in-memory database migrated here). */

import Database from 'better-sqlite3';
import { REPORTS_MIGRATIONS, reportsPart } from '../../src/features/reports/part.ts';
import { sqlitePartStore } from '../../src/store/sqlite.ts';
import { reportsContract } from './contract/reports.ts';

reportsContract('memory', () => reportsPart.memory());

reportsContract('sqlite', () => {
  const db = new Database(':memory:');
  for (const sql of REPORTS_MIGRATIONS) db.exec(sql);
  // Running the migrations again changes nothing (see part.ts: the table may exist already).
  for (const sql of REPORTS_MIGRATIONS) db.exec(sql);
  return sqlitePartStore(db, reportsPart);
});
