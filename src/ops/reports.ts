/**
 * Opens the reports part over a file of its own in the data folder, `reports.sqlite`, for the bot and
 * for `dlkb reports`. Not `dlkb.sqlite`: the store holds that one with an exclusive lock (one bot per
 * folder), and operators list and close reports while the bot runs; here WAL lets both connections read
 * and write. The part's migrations are `IF NOT EXISTS`, so `src/store/` may later assemble it as well.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Config } from '../config.ts';
import { reportForwarder } from '../features/reports/forward.ts';
import { REPORTS_MIGRATIONS, reportsPart } from '../features/reports/part.ts';
import type { ReportStore } from '../features/reports/store.ts';
import type { Services } from '../kernel/context.ts';
import type { RunningAdapter } from '../kernel/outbox.ts';
import { migrationSql } from '../store/sql.ts';
import { sqlitePartStore } from '../store/sqlite.ts';
import { fileWriteGuard } from '../store/write-guard.ts';
import type { Backupable } from './backup.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { OpenedStore } from './store.ts';

/** The file of the reports inside the data folder. */
export const REPORTS_FILE = 'reports.sqlite';

/** The reports store over a file, and how to release it. */
export interface OpenedReports {
  store: ReportStore;
  file: string;
  close(): void;
  /** Copies the file while it is in use (SQLite's online backup API), for the service's backups. */
  backup(destination: string): Promise<void>;
}

/**
 * The reports store of `reports.sqlite` in `dataDir` (an existing folder). `create: false` (the CLI):
 * null when there is no such file yet, rather than creating one.
 */
export function openReports(dataDir: string, options: { create?: boolean } = {}): OpenedReports | null {
  const file = join(dataDir, REPORTS_FILE);
  if (options.create === false && !existsSync(file)) return null;
  const db = new Database(file, { timeout: 2000 });
  try {
    db.pragma('journal_mode = WAL');
    for (const sql of REPORTS_MIGRATIONS) db.exec(migrationSql(sql, 'sqlite'));
    const store = sqlitePartStore(db, reportsPart, fileWriteGuard(file));
    const backup = async (destination: string) => {
      await db.backup(destination);
    };
    return { store, file, close: () => db.close(), backup };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The service's reports store: over `reports.sqlite` when the store is SQLite (closed with the
 * lifecycle; it can copy itself for backups), else undefined (the app keeps them in memory, like the memory store).
 */
export function serviceReports(
  config: Pick<Config, 'dataDir'>,
  opened: Pick<OpenedStore, 'sqlite'>,
  lifecycle: Pick<Lifecycle, 'defer'>,
): (ReportStore & Backupable) | undefined {
  if (!opened.sqlite) return undefined;
  const reports = openReports(config.dataDir);
  if (!reports) return undefined;
  lifecycle.defer('close the reports connection', () => reports.close(), { onCrash: true });
  // Backed up with the database (see `backup.ts`).
  return Object.assign(reports.store, { backup: reports.backup });
}

/**
 * Forwards each new report to `DLKB_REPORTS_CHAT` (when set) through the running adapter of its
 * platform; a failed send is logged without the report's text.
 */
export function forwardReports(
  config: Pick<Config, 'reportsChat'>,
  services: Services,
  adapters: readonly RunningAdapter[],
): void {
  const chat = config.reportsChat;
  if (!chat) return;
  services.onReport = reportForwarder({
    chat,
    outbox: (platform) => adapters.find((a) => a.platform === platform),
    locale: 'zh-CN',
    onError: (error, report) => services.log.warn({ err: error, report }, 'report not forwarded'),
  });
}
