/** The daily question's part of the database, `daily`: subscriptions, rotations and deliveries of chats. */
import { storePart } from '../../store/part.ts';
import { MemoryDaily } from './memory.ts';
import { SqlDaily } from './sql.ts';
import type { DailyStore } from './store.ts';

/**
 * Migration 1 on PostgreSQL: epoch milliseconds need BIGINT; no `WITHOUT ROWID`; the kind's CHECK is
 * named, so that migration 5 can replace it instead of rebuilding the table as SQLite must.
 */
const POSTGRES_1 = `CREATE TABLE daily_subscriptions (
    chat_key TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    time TEXT NOT NULL,
    timezone TEXT NOT NULL,
    category TEXT,
    reveal_after_hours INTEGER NOT NULL,
    locale TEXT NOT NULL,
    active_from BIGINT NOT NULL,
    gone_days INTEGER NOT NULL DEFAULT 0,
    last_gone_date TEXT,
    disabled_at BIGINT
  );
  CREATE TABLE daily_rotations (
    chat_key TEXT PRIMARY KEY,
    round INTEGER NOT NULL,
    category TEXT,
    entry_ids TEXT NOT NULL,
    position INTEGER NOT NULL
  );
  CREATE TABLE daily_deliveries (
    chat_key TEXT NOT NULL,
    slot TEXT NOT NULL,
    kind TEXT NOT NULL CONSTRAINT daily_deliveries_kind CHECK (kind IN ('post', 'reveal')),
    entry_id TEXT NOT NULL,
    status TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    message_id TEXT,
    reply_to TEXT,
    error TEXT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (kind, slot, chat_key)
  );
  CREATE INDEX daily_deliveries_status ON daily_deliveries (status, due_at);
  CREATE INDEX daily_deliveries_chat ON daily_deliveries (chat_key, due_at);`;

/** Migration 5 on PostgreSQL: the same columns and kinds, by ALTER (the rows stay where they are). */
const POSTGRES_5 = `ALTER TABLE daily_subscriptions ADD COLUMN digest TEXT;
  ALTER TABLE daily_deliveries ADD COLUMN role_skip TEXT;
  ALTER TABLE daily_deliveries DROP CONSTRAINT daily_deliveries_kind;
  ALTER TABLE daily_deliveries ADD CONSTRAINT daily_deliveries_kind
    CHECK (kind IN ('post', 'reveal', 'digest'));`;

/** The `daily` store part: `store.daily`. */
export const dailyPart = storePart({
  name: 'daily',
  migrations: [
    {
      sqlite: `CREATE TABLE daily_subscriptions (
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
      postgres: POSTGRES_1,
    },
    // Issue #15: a discussion thread per post and an optional role ping.
    `ALTER TABLE daily_subscriptions ADD COLUMN thread TEXT NOT NULL DEFAULT 'on';
     ALTER TABLE daily_subscriptions ADD COLUMN thread_archive_minutes INTEGER NOT NULL DEFAULT 1440;
     ALTER TABLE daily_subscriptions ADD COLUMN role_id TEXT;
     ALTER TABLE daily_deliveries ADD COLUMN thread_id TEXT;
     ALTER TABLE daily_deliveries ADD COLUMN thread_url TEXT;
     ALTER TABLE daily_deliveries ADD COLUMN thread_skip TEXT;`,
    // Issue #11 §5: the post's format, and the multiple-choice question a post asked (for the reveal's result).
    `ALTER TABLE daily_subscriptions ADD COLUMN format TEXT NOT NULL DEFAULT 'flashcard';
     ALTER TABLE daily_deliveries ADD COLUMN question_id TEXT;`,
    // Issue #15 §3: how the next question is picked, the shuffled rotation or adaptively.
    `ALTER TABLE daily_subscriptions ADD COLUMN pick TEXT NOT NULL DEFAULT 'rotation';`,
    // Issue #15 §4: the weekly digest, a subscription setting and a third kind of delivery (the kind's
    // CHECK is part of the table, so the table is rebuilt with every row); §2: why a post went out
    // without its role ping.
    {
      sqlite: `ALTER TABLE daily_subscriptions ADD COLUMN digest TEXT;
     CREATE TABLE daily_deliveries_next (
       chat_key TEXT NOT NULL,
       slot TEXT NOT NULL,
       kind TEXT NOT NULL CHECK (kind IN ('post', 'reveal', 'digest')),
       entry_id TEXT NOT NULL,
       status TEXT NOT NULL,
       due_at INTEGER NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0,
       next_attempt_at INTEGER,
       message_id TEXT,
       reply_to TEXT,
       error TEXT,
       updated_at INTEGER NOT NULL,
       thread_id TEXT,
       thread_url TEXT,
       thread_skip TEXT,
       question_id TEXT,
       role_skip TEXT,
       PRIMARY KEY (kind, slot, chat_key)
     ) WITHOUT ROWID;
     INSERT INTO daily_deliveries_next (chat_key, slot, kind, entry_id, status, due_at, attempts,
       next_attempt_at, message_id, reply_to, error, updated_at, thread_id, thread_url, thread_skip, question_id)
     SELECT chat_key, slot, kind, entry_id, status, due_at, attempts, next_attempt_at, message_id, reply_to,
       error, updated_at, thread_id, thread_url, thread_skip, question_id FROM daily_deliveries;
     DROP TABLE daily_deliveries;
     ALTER TABLE daily_deliveries_next RENAME TO daily_deliveries;
     CREATE INDEX daily_deliveries_status ON daily_deliveries (status, due_at);
     CREATE INDEX daily_deliveries_chat ON daily_deliveries (chat_key, due_at);`,
      postgres: POSTGRES_5,
    },
  ],
  // It came with the whole schema's second version.
  legacyVersion: (userVersion) => (userVersion >= 2 ? 1 : 0),
  sql: (db): DailyStore => new SqlDaily(db),
  memory: (): DailyStore => new MemoryDaily(),
});
