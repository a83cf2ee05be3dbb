/**
 * One feature's part of the database, declared once in the feature's folder: its name, its SQL
 * migrations, and how to make its store in memory or over an open SQLite file. `src/store/` assembles
 * the parts it is given (it never names a feature): it migrates each part on its own version line,
 * opens one transaction over all of them, and moves every part's rows when a chat migrates or two
 * people's accounts are linked.
 */
import type { ChatKey, UserKey } from '../kernel/identity.ts';
import type { Migration, SqlDatabase } from './sql.ts';

/**
 * What every feature store does for the whole: move its rows from one chat to another, and merge one
 * person's rows into another's. Every part answers both (most with nothing to do), so none is forgotten.
 */
export interface ChatRows {
  /**
   * Moves everything this part keeps under `from` to `to` (a Telegram group became a supergroup),
   * replacing what `to` had. Called inside the store's transaction.
   */
  moveChat(from: ChatKey, to: ChatKey): Promise<void>;
  /**
   * Merges everything this part keeps for the person `from` into the person `to` (two accounts linked
   * into one learner, `/link`), by the part's own rule where both have a row (the later review wins,
   * counts add up), and leaves nothing under `from`. Called inside the store's transaction.
   */
  moveUser(from: UserKey, to: UserKey): Promise<void>;
}

/** One feature's part of the store. */
export interface StorePart<Name extends string = string, T extends ChatRows = ChatRows> {
  /** The part's name: its key in the assembled store (`store.<name>`) and in the `store_parts` table. */
  readonly name: Name;
  /**
   * The part's SQL migrations in order; version n means the first n ran. Only ever appended: changing a
   * published one would leave existing files on a different schema than new ones.
   */
  readonly migrations: readonly Migration[];
  /**
   * For a file written before parts had versions of their own (one `user_version` for the whole file,
   * 1–3): this part's version in a file at that `user_version`. Absent: 0 (a part newer than that scheme).
   */
  readonly legacyVersion?: (userVersion: number) => number;
  /**
   * Its store over an open SQL database (SQLite or PostgreSQL) migrated to this part's latest version:
   * one implementation for both engines, in the SQL they share (`sql.ts`).
   */
  sql(db: SqlDatabase): T;
  /** Its store in memory (tests, and the terminal when no data folder can be used). */
  memory(): T;
}

/** Declares a part with its types inferred: `export const reviewPart = storePart({ name: 'reviews', … })`. */
export function storePart<const Name extends string, T extends ChatRows>(
  part: StorePart<Name, T>,
): StorePart<Name, T> {
  return part;
}

/** The assembled feature stores of a list of parts: `{ reviews: ReviewStore, daily: DailyStore, … }`. */
export type PartStores<Parts extends readonly StorePart[]> = {
  readonly [P in Parts[number] as P['name']]: P extends StorePart<string, infer T> ? T : never;
};

/** What the assembled store adds to its parts. */
export interface StoreBase {
  /**
   * Runs `fn` so that its writes, in every part, happen all together or (when it throws; not in memory)
   * not at all. One inside another joins it. Statements from outside see none of it until it commits.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Inside a transaction, runs `fn` so that if it throws only its own writes are undone (a savepoint; in
   * memory nothing is undone) and the transaction goes on. Outside one, a transaction.
   */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
  /** Moves every part's rows of a chat to another chat key, in one transaction. */
  migrateChat(from: ChatKey, to: ChatKey): Promise<void>;
  /** Merges every part's rows of a person into another person's, in one transaction (see `moveUser`). */
  migrateUser(from: UserKey, to: UserKey): Promise<void>;
  /** Releases the storage. */
  close(): Promise<void>;
}
