/**
 * What linking keeps: which learner each platform account belongs to, and the one-time codes `/link`
 * hands out. An account not listed is a learner of its own (its key is its learner key). Declared as the
 * `links` store part in `part.ts`; implemented in memory (`memory.ts`) and over SQLite or PostgreSQL
 * (`sql.ts`).
 */
import type { UserKey } from '../../kernel/identity.ts';
import type { ChatRows } from '../../store/part.ts';

/** A one-time code of `/link`: who asked for it, until when it works, and when it was used. */
export interface LinkCode {
  /** The code as stored: 10 characters of the code alphabet (`code.ts`), without the dash. */
  code: string;
  /** The account that asked for it. */
  user: UserKey;
  /** Epoch ms after which it no longer works. */
  expiresAt: number;
  /** Epoch ms it was used, or null while unused. */
  usedAt: number | null;
}

/** How long a used or expired code is kept, so a late try hears "used" or "expired" rather than "wrong". */
export const KEEP_CODES_MS = 24 * 60 * 60 * 1000;

/**
 * The links part's store. Its `moveUser(from, to)` makes `from` and every account of `from` accounts of
 * the learner `to` (what linking is); the other parts merge their rows by the same call.
 */
export interface LinkStore extends ChatRows {
  /** The learner key of an account: the key its records are kept under (itself unless linked). */
  learnerOf(user: UserKey): Promise<UserKey>;
  /** Every account of a learner, the learner's own key first, then the others sorted. */
  accountsOf(learner: UserKey): Promise<UserKey[]>;
  /** Makes an account a learner of its own again (its link removed); nothing else changes. */
  detach(user: UserKey): Promise<void>;
  /**
   * Stores a new code, dropping its account's earlier unused codes and every code that expired more
   * than `KEEP_CODES_MS` before `now`.
   */
  putCode(code: LinkCode, now: number): Promise<void>;
  /** A stored code, if any. */
  code(code: string): Promise<LinkCode | undefined>;
  /** Marks a code used at `at`; false when it was missing or already used. */
  useCode(code: string, at: number): Promise<boolean>;
}
