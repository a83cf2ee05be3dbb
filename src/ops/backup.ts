/**
 * Backups while running. The database holds an exclusive lock (no second process, not even the `sqlite3`
 * shell, can read it while dlkb runs), so the running bot makes the copy itself with SQLite's online
 * backup API: on SIGUSR2 it writes `<data dir>/backups/dlkb-<UTC time>.sqlite` and keeps the newest few.
 * Other databases of the data folder (`reports.sqlite`) are copied with it, under the same time, as
 * `<name>-<UTC time>.sqlite`.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../kernel/log.ts';
import type { ProcessEvents } from './lifecycle.ts';

/** What can copy itself: the SQLite store. */
export interface Backupable {
  backup(destination: string): Promise<void>;
}

/** How many backups are kept by default. */
export const KEEP_BACKUPS = 7;

/** Other databases copied with the main one, by the name their copies start with (`reports`). */
export type AlsoBackedUp = Readonly<Record<string, Backupable>>;

const nameOf = (prefix: string) => new RegExp(`^${prefix}-\\d{8}T\\d{6}(?:\\d{3})?Z\\.sqlite$`);

/** Copies one database to `<dir>/<prefix>-<stamp>.sqlite` (under a temporary name, renamed when complete). */
async function copy(store: Backupable, dir: string, prefix: string, stamp: string): Promise<string> {
  const file = join(dir, `${prefix}-${stamp}.sqlite`);
  const partial = `${file}.partial`;
  try {
    await store.backup(partial);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return file;
}

/**
 * Copies the database into `dir` as `dlkb-<UTC time>.sqlite`, and each of `also` as `<name>-<UTC time>.sqlite`,
 * then deletes the oldest of each beyond `keep`. Resolves to the main copy's path.
 */
export async function backupNow(
  store: Backupable,
  dir: string,
  options: { now?: Date; keep?: number; also?: AlsoBackedUp } = {},
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace('.', '');
  const file = await copy(store, dir, 'dlkb', stamp);
  const also = Object.entries(options.also ?? {});
  for (const [prefix, other] of also) await copy(other, dir, prefix, stamp);
  for (const prefix of ['dlkb', ...also.map(([p]) => p)]) {
    const old = readdirSync(dir)
      .filter((f) => nameOf(prefix).test(f))
      .sort()
      .reverse()
      .slice(options.keep ?? KEEP_BACKUPS);
    for (const f of old) rmSync(join(dir, f), { force: true });
  }
  return file;
}

/**
 * Makes a backup (of `store` and of `also`) on every SIGUSR2, one at a time; `stop()` stops listening and
 * waits for one running.
 */
export function backupOnSignal(
  store: Backupable,
  dir: string,
  log: Logger,
  proc: ProcessEvents = process,
  also: AlsoBackedUp = {},
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const onSignal = () => {
    if (running) {
      log.warn('a backup is already running');
      return;
    }
    const started = performance.now();
    running = backupNow(store, dir, { also })
      .then((file) => log.info({ file, ms: Math.round(performance.now() - started) }, 'backup written'))
      .catch((error: unknown) => log.error({ err: error, dir }, 'backup failed'))
      .finally(() => {
        running = undefined;
      });
  };
  proc.on('SIGUSR2', onSignal);
  return {
    async stop() {
      proc.off('SIGUSR2', onSignal);
      await running;
    },
  };
}
