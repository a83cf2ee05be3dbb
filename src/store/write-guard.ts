/**
 * Guards the SQLite store's writes so that one that did not reach the database file never counts as
 * done. SQLite refuses some (disk full, I/O error) and keeps writing to a deleted file without an error,
 * all of it lost at the next start; so after every write the guard checks that the path still names the
 * file that was opened (its device and inode: a stat, a few µs); inside a transaction, once, after its commit.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreWriteError } from './store.ts';

/** Runs a write so that it reached the database file, or throws StoreWriteError. */
export type WriteGuard = <T>(write: () => T) => T;

/** Which file a path names (device and inode), or undefined when nothing is there. */
function identity(file: string): string | undefined {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.dev}:${stat.ino}` : undefined;
}

/**
 * The guard of the database open at `file` (call it right after opening).
 * Its writes throw StoreWriteError when SQLite refuses them or the file was deleted or replaced.
 * `inTransaction`: true while a transaction is open, whose writes reach the file with its commit (the
 * commit is guarded: the file is checked then, once).
 */
export function fileWriteGuard(file: string, inTransaction: () => boolean = () => false): WriteGuard {
  const opened = identity(file);
  // Writes inside a guarded write (the statements of a transaction) reach the file with its commit: the
  // outermost one checks the file, once (a stat per statement was most of a short transaction's cost).
  let depth = 0;
  return (write) => {
    let result: ReturnType<typeof write>;
    depth += 1;
    try {
      result = write();
    } catch (error) {
      if (!(error instanceof Database.SqliteError)) throw error;
      throw new StoreWriteError(`Cannot write ${file} (${error.code}: ${error.message})`, file, {
        cause: error,
      });
    } finally {
      depth -= 1;
    }
    if (depth === 0 && !inTransaction() && opened !== undefined && identity(file) !== opened)
      throw new StoreWriteError(
        `${file} was deleted or replaced while dlkb runs; nothing more can be saved. Restart dlkb (restore a backup first if the file is lost).`,
        file,
      );
    return result;
  };
}
