/**
 * What every store shares, whatever its parts: the errors it throws. The store itself is assembled from
 * the features' parts (`part.ts`, `assemble.ts`), in memory (`memory.ts`) or over SQLite (`sqlite.ts`).
 */
import { Failure } from '../kernel/errors.ts';

/** The store cannot be opened or used: `message` names the file and what to do; `path` is that file. */
export class StoreError extends Failure {
  override readonly name: string = 'StoreError';
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A write did not reach the database file (the disk is full, the file was deleted or replaced while dlkb
 * runs, an I/O error): nothing of it counts, and the router tells the person it was not saved.
 */
export class StoreWriteError extends StoreError {
  override readonly name = 'StoreWriteError';
  override readonly replyKey = 'common.notSaved';
}
