/**
 * The SQLite schema as dlkb wrote it before each feature had a store part of its own: numbered
 * migrations, the file's version in `PRAGMA user_version`. Kept verbatim (with the code that ran them) so
 * tests can build the files existing deployments have and check the part assembly opens them.
 */
import type { Database } from 'better-sqlite3';

/** The migrations in order: index 0 brings a file from version 0 (empty) to version 1, and so on. */
export const MIGRATIONS: readonly string[] = [
  // 1: the quiz history (the store before the daily question).
  `CREATE TABLE quiz_recent (
     chat_key TEXT PRIMARY KEY,
     entry_ids TEXT NOT NULL -- JSON array, newest first
   );`,
  // 2: the daily question.
  `CREATE TABLE daily_subscriptions (
     chat_key TEXT PRIMARY KEY,
     platform TEXT NOT NULL,
     chat_id TEXT NOT NULL,
     time TEXT NOT NULL,
     timezone TEXT NOT NULL,
     category TEXT,
     reveal_after_hours INTEGER NOT NULL,
     locale TEXT NOT NULL,
     active_from INTEGER NOT NULL,
     gone_days INTEGER NOT NULL DEFAULT 0,
     last_gone_date TEXT,
     disabled_at INTEGER
   );
   CREATE TABLE daily_rotations (
     chat_key TEXT PRIMARY KEY,
     round INTEGER NOT NULL,
     category TEXT,
     entry_ids TEXT NOT NULL, -- JSON array in asking order
     position INTEGER NOT NULL
   );
   CREATE TABLE daily_deliveries (
     chat_key TEXT NOT NULL,
     slot TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('post', 'reveal')),
     entry_id TEXT NOT NULL,
     status TEXT NOT NULL,
     due_at INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER,
     message_id TEXT,
     reply_to TEXT,
     error TEXT,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (kind, slot, chat_key)
   ) WITHOUT ROWID;
   CREATE INDEX daily_deliveries_status ON daily_deliveries (status, due_at);
   CREATE INDEX daily_deliveries_chat ON daily_deliveries (chat_key, due_at);`,
  // 3: spaced-repetition review, per person.
  `CREATE TABLE reviews (
     user_key TEXT NOT NULL,
     entry_id TEXT NOT NULL,
     card TEXT NOT NULL, -- ts-fsrs Card as JSON
     due INTEGER NOT NULL,
     reps INTEGER NOT NULL,
     last_rating INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (user_key, entry_id)
   ) WITHOUT ROWID;
   CREATE INDEX reviews_due ON reviews (user_key, due);`,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The schema version of an open database (0 for a new file). */
export function schemaVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Brings the database to `target` (default: the current schema); returns the version it had.
 * A file newer than `target` is left alone (the caller decides what to say).
 */
export function migrate(db: Database, target: number = SCHEMA_VERSION): number {
  const from = schemaVersion(db);
  for (let version = from + 1; version <= target; version++) {
    const sql = MIGRATIONS[version - 1];
    if (sql === undefined) break;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return from;
}
