/**
 * Backups while running. The database holds an exclusive lock (no second process, not even the `sqlite3`
 * shell, can read it while dlkb runs), so the running bot makes the copy itself with SQLite's online
 * backup API: on SIGUSR2 it writes `<data dir>/backups/dlkb-<UTC time>.sqlite` and keeps the newest few.
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

const NAME = /^dlkb-\d{8}T\d{6}(?:\d{3})?Z\.sqlite$/;

/**
 * Copies the database into `dir` as `dlkb-<UTC time>.sqlite` (written under a temporary name, renamed
 * when complete), then deletes the oldest beyond `keep`. Resolves to the new file's path.
 */
export async function backupNow(
  store: Backupable,
  dir: string,
  options: { now?: Date; keep?: number } = {},
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace('.', '');
  const file = join(dir, `dlkb-${stamp}.sqlite`);
  const partial = `${file}.partial`;
  try {
    await store.backup(partial);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  const old = readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .reverse()
    .slice(options.keep ?? KEEP_BACKUPS);
  for (const f of old) rmSync(join(dir, f), { force: true });
  return file;
}

/** Makes a backup on every SIGUSR2 (one at a time); `stop()` stops listening and waits for one running. */
export function backupOnSignal(
  store: Backupable,
  dir: string,
  log: Logger,
  proc: ProcessEvents = process,
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const onSignal = () => {
    if (running) {
      log.warn('a backup is already running');
      return;
    }
    const started = performance.now();
    running = backupNow(store, dir)
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
