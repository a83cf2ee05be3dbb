/**
 * Opens the process's store: SQLite in the data folder (migrated at open); in the terminal chat, a
 * memory store when the folder cannot be used (a read-only checkout, or a bot already running on the
 * same folder), so the chat still works. Also the health check "the store is writable".
 */
import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type AppPostgresStore,
  type AppSqliteStore,
  memoryAppStore,
  openAppPostgresStore,
  openAppStore,
} from '../app/store.ts';
import type { Config } from '../config.ts';
import type { Store } from '../features/parts.ts';
import type { Lease } from '../kernel/lease.ts';
import type { Logger } from '../kernel/log.ts';
import { StoreError } from '../store/store.ts';
import type { HealthCheck } from './health.ts';

/** Below this much free space the store counts as not writable. */
const MIN_FREE_BYTES = 1024 * 1024;

/** An opened store and how to check it. */
export interface OpenedStore {
  store: Store;
  kind: 'sqlite' | 'memory' | 'postgres';
  /** The fan-out lease replicas share (PostgreSQL); absent when the process is alone on its store. */
  lease?: Lease;
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
    return { store, kind: 'sqlite', sqlite: store, writable: () => sqliteWritable(store) };
  } catch (error) {
    if (!options.fallbackToMemory || !(error instanceof StoreError)) throw error;
    log.warn({ reason: error.message }, 'database unusable; keeping state in memory for this session');
    return { store: memoryAppStore(), kind: 'memory', writable: () => null };
  }
}

/** Null while PostgreSQL answers and every part is at this build's version, else the reason. */
export async function postgresHealthy(store: AppPostgresStore): Promise<string | null> {
  try {
    const status = await store.migrations();
    if (status.current) return null;
    const behind = status.parts.filter((p) => p.version !== p.latest);
    return `database migrations not current (${behind.map((p) => `${p.name} ${p.version}/${p.latest}`).join(', ')})`;
  } catch (error) {
    return `database unreachable (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * Opens PostgreSQL at `config.databaseUrl` when it is set (migrating every part under the advisory
 * lock), else the SQLite store in the data folder.
 * @throws StoreError naming the file or the server (never the password) and what to do
 */
export async function openServiceStore(config: Config, log: Logger): Promise<OpenedStore> {
  if (!config.databaseUrl) return openStore(config.dataDir, log);
  const store = await openAppPostgresStore(config.databaseUrl, config.databasePoolSize);
  const { postgresLease } = await import('../store/postgres-lease.ts');
  const lease = postgresLease(config.databaseUrl, log);
  return { store, kind: 'postgres', lease, writable: () => postgresHealthy(store) };
}

/** The health check of a store. */
export function storeCheck(opened: OpenedStore): HealthCheck {
  return { name: 'store', check: () => opened.writable() };
}
