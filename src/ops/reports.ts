/**
 * Opens the reports part for the bot and for `dlkb reports`, where operators list and close reports while
 * the bot runs. On SQLite, over a file of its own in the data folder, `reports.sqlite`: not
 * `dlkb.sqlite`, which the store holds with an exclusive lock (one bot per folder); here WAL lets both
 * connections read and write, and the part's migrations are `IF NOT EXISTS`, so `src/store/` may later
 * assemble it as well. With `DATABASE_URL`, in the PostgreSQL database the replicas share (a store of just
 * this part, migrated under the store's lock): every replica and the CLI reach the same reports.
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
import { StoreError } from '../store/store.ts';
import { fileWriteGuard } from '../store/write-guard.ts';
import type { AlsoBackedUp, Backupable } from './backup.ts';
import type { Lifecycle } from './lifecycle.ts';
import { StartupError } from './startup-error.ts';
import type { OpenedStore } from './store.ts';

/** The file of the reports inside the data folder (SQLite). */
export const REPORTS_FILE = 'reports.sqlite';

/** Connections the reports store opens to PostgreSQL at most: reports are few and short. */
export const REPORTS_POOL_SIZE = 2;

/** Where the reports are kept: what `openReports` reads of the configuration. */
export type ReportsConfig = Pick<Config, 'dataDir' | 'databaseUrl'>;

/** The opened reports store, and how to release it. */
export type OpenedReports = {
  store: ReportStore;
  close(): Promise<void>;
} & (
  | {
      engine: 'sqlite';
      file: string;
      /** Copies the file while it is in use (SQLite's online backup API), for the service's backups. */
      backup(destination: string): Promise<void>;
    }
  /** In the PostgreSQL database: backed up with it (pg_dump), never by dlkb. */
  | { engine: 'postgres' }
);

/** The reports store over `reports.sqlite` in `dataDir`; null (`create: false`) when there is no such file. */
function openReportsFile(dataDir: string, create: boolean): OpenedReports | null {
  const file = join(dataDir, REPORTS_FILE);
  if (!create && !existsSync(file)) return null;
  const db = new Database(file, { timeout: 2000 });
  try {
    db.pragma('journal_mode = WAL');
    for (const sql of REPORTS_MIGRATIONS) db.exec(migrationSql(sql, 'sqlite'));
    const store = sqlitePartStore(db, reportsPart, fileWriteGuard(file));
    const backup = async (destination: string) => {
      await db.backup(destination);
    };
    return { engine: 'sqlite', store, file, close: async () => void db.close(), backup };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The reports store: in the PostgreSQL database when `databaseUrl` is set (its table created there when
 * missing, `create` notwithstanding: the database itself always exists), else in `reports.sqlite` in
 * `dataDir` (an existing folder), where `create: false` (the CLI) gives null when there is no such file
 * yet rather than creating one.
 * @throws StoreError naming the server (never the password) when PostgreSQL cannot be used
 */
export async function openReports(
  config: ReportsConfig,
  options: { create?: boolean } = {},
): Promise<OpenedReports | null> {
  if (config.databaseUrl === undefined) return openReportsFile(config.dataDir, options.create !== false);
  // Loaded only here: a process on SQLite never loads the PostgreSQL client.
  const { openPostgresStore } = await import('../store/postgres.ts');
  const store = await openPostgresStore(config.databaseUrl, [reportsPart], { poolSize: REPORTS_POOL_SIZE });
  return { engine: 'postgres', store: store.reports, close: () => store.close() };
}

/** The service's reports store; `backup` only when it is a SQLite file dlkb copies itself. */
export type ServiceReports = ReportStore & Partial<Backupable>;

/**
 * The service's reports store (closed with the lifecycle): in PostgreSQL with `DATABASE_URL`; else over
 * `reports.sqlite` when the store is SQLite (it can copy itself for backups); else undefined (the app
 * keeps them in memory, like the memory store).
 * @throws StartupError when PostgreSQL cannot be used
 */
export async function serviceReports(
  config: ReportsConfig,
  opened: Pick<OpenedStore, 'sqlite'>,
  lifecycle: Pick<Lifecycle, 'defer'>,
): Promise<ServiceReports | undefined> {
  if (config.databaseUrl === undefined && !opened.sqlite) return undefined;
  let reports: OpenedReports | null;
  try {
    reports = await openReports(config);
  } catch (error) {
    if (error instanceof StoreError) throw new StartupError(error.message, 1, { cause: error });
    throw error;
  }
  if (!reports) return undefined;
  const { close } = reports;
  lifecycle.defer('close the reports connection', () => close(), { onCrash: true });
  // A file is backed up with the database (see `backup.ts`); PostgreSQL with pg_dump.
  return reports.engine === 'sqlite'
    ? Object.assign(reports.store, { backup: reports.backup })
    : reports.store;
}

/** The reports among the databases backed up with the main one: only a SQLite file (see `serviceReports`). */
export function reportsBackedUp(reports: ServiceReports | undefined): AlsoBackedUp {
  const backup = reports?.backup;
  return backup ? { reports: { backup } } : {};
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
