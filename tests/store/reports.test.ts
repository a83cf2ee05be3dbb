/**
 * The reports store contract in memory, over SQLite and over PostgreSQL (`onEveryEngine`), and once more
 * over SQLite migrated the way `reports.sqlite` is: the part's migrations run at every open.
 */
import Database from 'better-sqlite3';
import { REPORTS_MIGRATIONS, reportsPart } from '../../src/features/reports/part.ts';
import { migrationSql } from '../../src/store/sql.ts';
import { sqlitePartStore } from '../../src/store/sqlite.ts';
import { reportsContract } from './contract/reports.ts';
import { onEveryEngine } from './engines.ts';

onEveryEngine(reportsPart, reportsContract);

reportsContract('sqlite, migrated twice like reports.sqlite', () => {
  const db = new Database(':memory:');
  for (const sql of REPORTS_MIGRATIONS) db.exec(migrationSql(sql, 'sqlite'));
  // Running the migrations again changes nothing (see part.ts: the table may exist already).
  for (const sql of REPORTS_MIGRATIONS) db.exec(migrationSql(sql, 'sqlite'));
  return sqlitePartStore(db, reportsPart);
});
