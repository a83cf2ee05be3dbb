/**
 * `dlkb migrate-store --to postgres://…`: copies the SQLite database of DLKB_DATA_DIR (`dlkb.sqlite`, and
 * `reports.sqlite` when present) into an empty PostgreSQL database, then verifies each table's count.
 * The bot must be stopped: the file is held exclusively for the whole copy, so it cannot start meanwhile.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ConfigError, EX_CONFIG, loadConfig } from '../config.ts';
import { FEATURE_PARTS } from '../features/parts.ts';
import { reportsPart } from '../features/reports/part.ts';
import { REPORTS_FILE } from '../ops/reports.ts';
import { type CopyResult, type CopySource, copyToPostgres, TargetNotEmptyError } from '../ops/store-copy.ts';
import type { StorePart } from '../store/part.ts';
import { openPostgresStore } from '../store/postgres.ts';
import { postgresTarget, redact } from '../store/postgres-errors.ts';
import { DATABASE_FILE, type SqliteStore, sqliteStoreOf } from '../store/sqlite.ts';
import { StoreError } from '../store/store.ts';
import { type CliCommand, UsageError } from './usage.ts';

/** What `dlkb migrate-store` needs from its surroundings (tests pass their own). */
export interface MigrateStoreDeps {
  /** DLKB_DATA_DIR (absolute). @throws ConfigError for a bad configuration */
  dataDir(): string;
  /** The parts of `dlkb.sqlite`. */
  readonly parts: readonly StorePart[];
  /** The parts of `reports.sqlite` (copied when the file exists). */
  readonly reportParts: readonly StorePart[];
  /** How long to wait for a lock on `dlkb.sqlite` before saying the bot runs (default 2 s). */
  readonly busyTimeoutMs?: number;
  out(line: string): void;
  err(line: string): void;
}

const USAGE =
  "migrate-store --to postgres://…  copy DLKB_DATA_DIR's SQLite database into an empty PostgreSQL one (stop dlkb first)";

/** Refused or failed: the message is the admin's to read. */
class Refusal extends Error {}

/** True for SQLite's "another connection holds the file". */
function isBusy(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  return code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED';
}

/** `dlkb.sqlite`, held exclusively and migrated for `parts` (as starting the bot would). */
function openMain(
  dataDir: string,
  parts: readonly StorePart[],
  busyTimeoutMs: number,
): SqliteStore & { db: Database.Database } {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new Refusal(`there is no ${file}: nothing to copy (check DLKB_DATA_DIR)`);
  const db = new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    return Object.assign(sqliteStoreOf(db, file, parts), { db });
  } catch (error) {
    db.close();
    if (isBusy(error))
      throw new Refusal(
        `${file} is in use: dlkb is running on it. Stop dlkb first, then run migrate-store again.`,
      );
    throw error;
  }
}

/** `reports.sqlite` read-only in one read transaction, or undefined when there is none. */
function openReportsFile(dataDir: string): Database.Database | undefined {
  const file = join(dataDir, REPORTS_FILE);
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 2000 });
  db.exec('BEGIN');
  return db;
}

/** The table of counts, and whether every table has as many rows in PostgreSQL as in SQLite. */
function report(result: CopyResult, deps: MigrateStoreDeps): boolean {
  const width = Math.max(5, ...result.counts.map((c) => c.table.length));
  deps.out(`${'table'.padEnd(width)}  ${'sqlite'.padStart(9)}  ${'postgres'.padStart(9)}`);
  let ok = true;
  let rows = 0;
  for (const c of result.counts) {
    const same = c.sqlite === c.postgres;
    ok &&= same;
    rows += c.postgres;
    deps.out(
      `${c.table.padEnd(width)}  ${String(c.sqlite).padStart(9)}  ${String(c.postgres).padStart(9)}  ${same ? 'ok' : 'MISMATCH'}`,
    );
  }
  for (const t of result.leftOut)
    deps.err(`warning: ${t.file} has a table no part owns, not copied: ${t.table} (${t.rows} rows)`);
  if (ok) deps.out(`verified: ${result.counts.length} tables, ${rows} rows`);
  else deps.err('dlkb migrate-store: the counts differ (MISMATCH above): do not switch to PostgreSQL yet');
  return ok;
}

async function migrate(url: string, deps: MigrateStoreDeps): Promise<number> {
  const target = postgresTarget({ connectionString: url });
  const say = (text: string) => redact(text, target.secrets);
  let main: (SqliteStore & { db: Database.Database }) | undefined;
  let reports: Database.Database | undefined;
  let postgres: Awaited<ReturnType<typeof openPostgresStore>> | undefined;
  try {
    const dataDir = deps.dataDir();
    main = openMain(dataDir, deps.parts, deps.busyTimeoutMs ?? 2000);
    reports = openReportsFile(dataDir);
    const sources: CopySource[] = [
      { file: main.file, db: main.db, parts: deps.parts },
      { file: join(dataDir, REPORTS_FILE), db: reports, parts: deps.reportParts },
    ];
    const files = sources.filter((s) => s.db).map((s) => s.file);
    deps.out(`copying ${files.join(' and ')} into ${target.description}`);
    postgres = await openPostgresStore(url, [...deps.parts, ...deps.reportParts], { poolSize: 2 });
    const result = await copyToPostgres(sources, postgres.sql);
    return report(result, deps) ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigError) {
      deps.err(`dlkb migrate-store: ${error.message}`);
      return EX_CONFIG;
    }
    if (error instanceof Refusal || error instanceof StoreError || error instanceof TargetNotEmptyError) {
      deps.err(`dlkb migrate-store: ${say(error.message)}`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    deps.err(`dlkb migrate-store: ${say(message)} (nothing was copied)`);
    return 1;
  } finally {
    if (reports?.open) {
      reports.exec('COMMIT');
      reports.close();
    }
    await main?.close();
    await postgres?.close().catch(() => {});
  }
}

/** `dlkb migrate-store --to URL` over `deps`. */
export function migrateStoreCommand(deps: MigrateStoreDeps): CliCommand {
  return {
    usage: USAGE,
    async run(args) {
      const { values, positionals } = parseArgs({ args, options: { to: { type: 'string' } }, strict: true });
      if (positionals.length > 0) throw new UsageError(`unexpected "${positionals.join(' ')}"`);
      const url = values.to;
      // Never echoed: it may hold a password.
      if (url === undefined)
        throw new UsageError('--to postgres://user:password@host:port/database is required');
      if (!/^postgres(ql)?:\/\//i.test(url))
        throw new UsageError('--to takes a postgres:// (or postgresql://) URL');
      return await migrate(url, deps);
    },
  };
}

/** `dlkb migrate-store --to postgres://…` with this build's parts and the configured data folder. */
export const migrateStoreCli: CliCommand = migrateStoreCommand({
  dataDir: () => loadConfig().dataDir,
  parts: FEATURE_PARTS,
  reportParts: [reportsPart],
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
