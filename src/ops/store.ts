/**
 * Opens the process's store: SQLite in the data folder (migrated at open); in the terminal chat, a
 * memory store when the folder cannot be used (a read-only checkout, or a bot already running on the
 * same folder), so the chat still works. Also the health check "the store is writable".
 */
import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { type AppSqliteStore, memoryAppStore, openAppStore } from '../app/store.ts';
import type { Store } from '../features/parts.ts';
import type { Logger } from '../kernel/log.ts';
import { StoreError } from '../store/store.ts';
import type { HealthCheck } from './health.ts';

/** Below this much free space the store counts as not writable. */
const MIN_FREE_BYTES = 1024 * 1024;

/** An opened store and how to check it. */
export interface OpenedStore {
  store: Store;
  kind: 'sqlite' | 'memory';
  /** The SQLite store (absent for the memory store). */
  sqlite?: AppSqliteStore;
  /** Null while the store can be written, else the reason. */
  writable(): Promise<string | null> | null;
}

/** Null when the SQLite file and its folder are writable, the disk has room and the connection answers. */
export async function sqliteWritable(store: AppSqliteStore): Promise<string | null> {
  try {
    accessSync(dirname(store.file), constants.W_OK);
    accessSync(store.file, constants.W_OK);
  } catch (error) {
    return `database not writable (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  try {
    const fs = statfsSync(dirname(store.file));
    if (fs.bavail * fs.bsize < MIN_FREE_BYTES) return 'disk full';
  } catch {
    // No statfs here (unusual file systems): the other checks stand.
  }
  try {
    await store.quiz.recent('ops:healthz');
  } catch (error) {
    return `database not usable (${error instanceof Error ? error.message : String(error)})`;
  }
  return null;
}

/**
 * Opens the SQLite store in `dataDir` (created when missing).
 * @throws StoreError naming the file and what to do, unless `fallbackToMemory` is set
 */
export function openStore(
  dataDir: string,
  log: Logger,
  options: { fallbackToMemory?: boolean } = {},
): OpenedStore {
  try {
    const store = openAppStore(dataDir);
    return { store, kind: 'sqlite', sqlite: store, writable: async () => await sqliteWritable(store) };
  } catch (error) {
    if (!options.fallbackToMemory || !(error instanceof StoreError)) throw error;
    log.warn({ reason: error.message }, 'database unusable; keeping state in memory for this session');
    return { store: memoryAppStore(), kind: 'memory', writable: () => null };
  }
}

/** The health check of a store. */
export function storeCheck(opened: OpenedStore): HealthCheck {
  return { name: 'store', check: () => opened.writable() };
}
