/**
 * WAL checkpoints between requests instead of inside one. SQLite checkpoints on the commit that finds
 * the WAL past 1,000 pages, so every ~150th answer of a burst paid for copying the WAL into the
 * database file and two fsyncs (10–30 ms on a real disk): the tail of the answer time. Here a commit
 * only schedules a checkpoint for a moment later (at most one a `delayMs`, on a timer that keeps no
 * process alive), and SQLite's own automatic checkpoint stays as a backstop at a larger WAL.
 */
import type Database from 'better-sqlite3';

/** How long after a write its checkpoint runs (at most one checkpoint this often while writes go on). */
export const CHECKPOINT_DELAY_MS = 1_000;

/**
 * The WAL size, in pages, at which SQLite still checkpoints on a commit: writes faster than the timer's
 * checkpoints keep up with (about 40 MB with 4 KB pages).
 */
export const BACKSTOP_PAGES = 10_000;

/** The checkpoints of one open database. */
export interface Checkpoints {
  /** A write was committed (or is part of one): a checkpoint runs within `delayMs` unless one is due. */
  wrote(): void;
  /** No more checkpoints (the database is being closed, which checkpoints itself). */
  stop(): void;
}

/** Takes over the automatic checkpoints of `db` (in WAL mode); PASSIVE ones, never waiting for readers. */
export function idleCheckpoints(db: Database.Database, delayMs = CHECKPOINT_DELAY_MS): Checkpoints {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    timer = undefined;
    if (!db.open) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A checkpoint that fails (disk full, I/O error) loses nothing: the WAL keeps the pages, and the
      // next write's checkpoint, or SQLite's backstop, tries again.
    }
  };
  return {
    wrote() {
      if (timer) return;
      timer = setTimeout(run, delayMs);
      timer.unref();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
