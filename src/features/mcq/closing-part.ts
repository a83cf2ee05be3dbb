/**
 * The mcq feature's part of the database, `closings`: when each posted multiple-choice question closes,
 * and whether its message shows it closed yet (see `closings.ts`).
 */
import { storePart } from '../../store/part.ts';
import type { Migration } from '../../store/sql.ts';
import { MemoryClosings } from './closing-memory.ts';
import { SqlClosings } from './closing-sql.ts';
import type { ClosingStore } from './closings.ts';

/** The table on PostgreSQL: epoch milliseconds need BIGINT; no `WITHOUT ROWID`. */
const POSTGRES = `CREATE TABLE closings (
    chat_key TEXT NOT NULL,
    question_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('round', 'daily', 'mcq')),
    platform TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    item INTEGER NOT NULL,
    shown_order INTEGER NOT NULL,
    sent_at BIGINT NOT NULL,
    locale TEXT NOT NULL,
    title TEXT,
    owner TEXT,
    message_id TEXT,
    close_at BIGINT,
    shown_at BIGINT,
    PRIMARY KEY (chat_key, question_id)
  );
  CREATE INDEX closings_due ON closings (close_at) WHERE shown_at IS NULL;
  CREATE INDEX closings_sent ON closings (sent_at);`;

/** The part's migrations, in order (only ever appended). */
export const CLOSINGS_MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE closings (
     chat_key TEXT NOT NULL,
     question_id TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('round', 'daily', 'mcq')),
     platform TEXT NOT NULL,
     chat_id TEXT NOT NULL,
     entry_id TEXT NOT NULL,
     item INTEGER NOT NULL,
     shown_order INTEGER NOT NULL,
     sent_at INTEGER NOT NULL,
     locale TEXT NOT NULL,
     title TEXT,
     owner TEXT,
     message_id TEXT,
     close_at INTEGER,
     shown_at INTEGER,
     PRIMARY KEY (chat_key, question_id)
   ) WITHOUT ROWID;
   CREATE INDEX closings_due ON closings (close_at) WHERE shown_at IS NULL;
   CREATE INDEX closings_sent ON closings (sent_at);`,
].map((sqlite) => ({ sqlite, postgres: POSTGRES }));

/** The `closings` store part: `store.closings`. */
export const closingsPart = storePart({
  name: 'closings',
  migrations: CLOSINGS_MIGRATIONS,
  sql: (db): ClosingStore => new SqlClosings(db),
  memory: (): ClosingStore => new MemoryClosings(),
});
