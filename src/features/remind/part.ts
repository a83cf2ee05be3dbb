/** The reminders feature's part of the database, `reminders`: settings and one send record a day. */
import type { ChatRows } from '../../store/part.ts';
import { storePart } from '../../store/part.ts';
import { MemoryReminders } from './memory.ts';
import { SqlReminders } from './sql.ts';
import type { ReminderStore } from './store.ts';

/**
 * Reminders belong to accounts, not chats: a chat's move leaves them as they are. Nor do they merge when
 * two accounts are linked (`/link`): a reminder is a message to one platform account (its private chat or
 * DM), set and turned off there; the cards it counts are the learner's (see `learnerOf` in the runner).
 */
const noChatRows = { async moveChat(): Promise<void> {}, async moveUser(): Promise<void> {} };

/** The tables on PostgreSQL: epoch milliseconds need BIGINT; no `WITHOUT ROWID`. */
const POSTGRES = `CREATE TABLE reminders (
    user_key TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    "on" INTEGER NOT NULL,
    time TEXT NOT NULL,
    timezone TEXT NOT NULL,
    locale TEXT NOT NULL,
    since BIGINT NOT NULL,
    reachable INTEGER NOT NULL,
    notice TEXT
  );
  CREATE INDEX reminders_on ON reminders ("on");
  CREATE TABLE reminder_sends (
    user_key TEXT NOT NULL,
    date TEXT NOT NULL,
    status TEXT NOT NULL,
    due INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT,
    error TEXT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_key, date)
  );
  CREATE INDEX reminder_sends_status ON reminder_sends (status);`;

/** The `reminders` store part: `store.reminders`. */
export const remindersPart = storePart({
  name: 'reminders',
  migrations: [
    `CREATE TABLE reminders (
       user_key TEXT PRIMARY KEY,
       platform TEXT NOT NULL,
       user_id TEXT NOT NULL,
       "on" INTEGER NOT NULL,
       time TEXT NOT NULL, -- HH:MM local
       timezone TEXT NOT NULL,
       locale TEXT NOT NULL,
       since INTEGER NOT NULL,
       reachable INTEGER NOT NULL,
       notice TEXT
     ) WITHOUT ROWID;
     CREATE INDEX reminders_on ON reminders ("on");
     CREATE TABLE reminder_sends (
       user_key TEXT NOT NULL,
       date TEXT NOT NULL, -- YYYY-MM-DD local
       status TEXT NOT NULL,
       due INTEGER NOT NULL,
       attempts INTEGER NOT NULL,
       next_attempt_at INTEGER,
       error TEXT,
       updated_at INTEGER NOT NULL,
       PRIMARY KEY (user_key, date)
     ) WITHOUT ROWID;
     CREATE INDEX reminder_sends_status ON reminder_sends (status);`,
  ].map((sqlite) => ({ sqlite, postgres: POSTGRES })),
  sql: (db): ReminderStore & ChatRows => Object.assign(new SqlReminders(db), noChatRows),
  memory: (): ReminderStore & ChatRows => Object.assign(new MemoryReminders(), noChatRows),
});
