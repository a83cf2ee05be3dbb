/** The app's database: every feature's store part (`FEATURE_PARTS`), over SQLite or in memory. */
import { FEATURE_PARTS, type Store } from '../features/parts.ts';
import { memoryStore } from '../store/memory.ts';
import type { PostgresStore } from '../store/postgres.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.ts';

/** The SQLite store the app opens: every feature's part. */
export type AppSqliteStore = SqliteStore<typeof FEATURE_PARTS>;

/**
 * Opens the app's SQLite store in `dataDir` (see `openSqliteStore`).
 * @throws StoreError naming the file and what to do
 */
export function openAppStore(dataDir: string, options: { busyTimeoutMs?: number } = {}): AppSqliteStore {
  return openSqliteStore(dataDir, FEATURE_PARTS, options);
}

/** The PostgreSQL store the app opens: every feature's part. */
export type AppPostgresStore = PostgresStore<typeof FEATURE_PARTS>;

/**
 * Opens the app's PostgreSQL store at `url` (see `openPostgresStore`).
 * @throws StoreError naming the server (never the password) and what to do
 */
export async function openAppPostgresStore(url: string, poolSize?: number): Promise<AppPostgresStore> {
  // Loaded only here: a process on SQLite never loads the PostgreSQL client.
  const { openPostgresStore } = await import('../store/postgres.ts');
  return openPostgresStore(url, FEATURE_PARTS, poolSize === undefined ? {} : { poolSize });
}

/** The app's store in memory (tests, and the terminal when no data folder can be used). */
export function memoryAppStore(): Store {
  return memoryStore(FEATURE_PARTS);
}
