/**
 * The reports feature's part of the database, `reports`: one row per reported mistake. A chat move
 * relabels a chat's reports (it never deletes any: they are the operators' records).
 */
import { storePart } from '../../store/part.ts';
import { MemoryReports } from './memory.ts';
import { SqliteReports } from './sqlite.ts';
import type { ReportStore } from './store.ts';

/**
 * The part's migrations, in order (only ever appended). `IF NOT EXISTS`: `src/ops/reports.ts` creates
 * the table itself in `reports.sqlite`; an assembly by `src/store/` may run them again.
 */
export const REPORTS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS reports (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     entry_id TEXT NOT NULL,
     platform TEXT NOT NULL,
     chat_key TEXT NOT NULL,
     user_key TEXT NOT NULL,
     text TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
     close_note TEXT,
     closed_at INTEGER
   );
   CREATE INDEX IF NOT EXISTS reports_user ON reports (user_key, created_at);
   CREATE INDEX IF NOT EXISTS reports_entry ON reports (entry_id);`,
];

/** The `reports` store part: `services.reports` for the commands and the CLI. */
export const reportsPart = storePart({
  name: 'reports',
  migrations: REPORTS_MIGRATIONS,
  sqlite: (handle): ReportStore => new SqliteReports(handle),
  memory: (): ReportStore => new MemoryReports(),
});
