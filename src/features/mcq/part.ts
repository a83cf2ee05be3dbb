/**
 * The mcq feature's part of the database, `polls`: each native quiz poll posted, by its poll id, with its
 * chat and the answer action of each option, so a poll answer (which names neither) can be recorded.
 */
import { storePart } from '../../store/part.ts';
import type { Migration } from '../../store/sql.ts';
import { MemoryPolls } from './poll-memory.ts';
import { SqlPolls } from './poll-sql.ts';
import type { PollStore } from './polls.ts';

/** The table on PostgreSQL: epoch milliseconds need BIGINT; no `WITHOUT ROWID`. */
const POSTGRES = `CREATE TABLE polls (
    poll_id TEXT PRIMARY KEY,
    chat_key TEXT NOT NULL,
    chat_kind TEXT NOT NULL CHECK (chat_kind IN ('private', 'group', 'channel')),
    answers TEXT NOT NULL,
    sent_at BIGINT NOT NULL
  );
  CREATE INDEX polls_sent ON polls (sent_at);
  CREATE INDEX polls_chat ON polls (chat_key);`;

/** The part's migrations, in order (only ever appended). */
export const POLLS_MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE polls (
     poll_id TEXT PRIMARY KEY,
     chat_key TEXT NOT NULL,
     chat_kind TEXT NOT NULL CHECK (chat_kind IN ('private', 'group', 'channel')),
     answers TEXT NOT NULL,
     sent_at INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX polls_sent ON polls (sent_at);
   CREATE INDEX polls_chat ON polls (chat_key);`,
].map((sqlite) => ({ sqlite, postgres: POSTGRES }));

/** The `polls` store part: `services.polls` for the adapters that post native polls. */
export const pollsPart = storePart({
  name: 'polls',
  migrations: POLLS_MIGRATIONS,
  sql: (db): PollStore => new SqlPolls(db),
  memory: (): PollStore => new MemoryPolls(),
});
