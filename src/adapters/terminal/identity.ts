/**
 * The terminal's person: a local identity kept in the data folder (file `terminal-user`), so the
 * terminal is a learner of its own that comes back each run and can be linked (`/link`) like a
 * Discord or Telegram account. Made on first use from the OS user name, the id earlier versions used,
 * so their records stay theirs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/** The file in the data folder that holds the terminal's user id. */
export const IDENTITY_FILE = 'terminal-user';

/** The OS user name, or `local` when it cannot be read. */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'local';
  }
}

/** An id is one line of printable characters, at most 64. */
function valid(id: string): boolean {
  return /^[^\s\p{Cc}]{1,64}$/u.test(id);
}

/**
 * The terminal's user id in `dataDir`: the one stored there, or a new one (the OS user name) stored on
 * first use. When the folder cannot be read or written, the OS user name (nothing is lost: the next run
 * that can write stores the same id).
 */
export function localIdentity(dataDir: string): string {
  const file = join(dataDir, IDENTITY_FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (valid(stored)) return stored;
  } catch {
    // Not made yet (or unreadable): make it below.
  }
  const id = valid(osUser()) ? osUser() : 'local';
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${id}\n`, { flag: 'w' });
  } catch {
    // A read-only folder: this run uses the id without storing it.
  }
  return id;
}
