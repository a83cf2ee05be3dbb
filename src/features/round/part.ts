/** The round feature's part of the database, `rounds`: each chat's running group round. */
import { storePart } from '../../store/part.ts';
import type { Migration } from '../../store/sql.ts';
import { MemoryRounds } from './memory.ts';
import { SqlRounds } from './sql.ts';
import type { RoundStore } from './store.ts';

/** The table on PostgreSQL: epoch milliseconds need BIGINT; no `WITHOUT ROWID`. */
const POSTGRES = `CREATE TABLE rounds (
    chat_key TEXT PRIMARY KEY,
    next_at BIGINT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX rounds_next ON rounds (next_at);`;

/** The part's migrations, in order (only ever appended). */
export const ROUNDS_MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE rounds (
     chat_key TEXT PRIMARY KEY,
     next_at INTEGER NOT NULL,
     data TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX rounds_next ON rounds (next_at);`,
].map((sqlite) => ({ sqlite, postgres: POSTGRES }));

/** The `rounds` store part: `store.rounds`. */
export const roundsPart = storePart({
  name: 'rounds',
  migrations: ROUNDS_MIGRATIONS,
  sql: (db): RoundStore => new SqlRounds(db),
  memory: (): RoundStore => new MemoryRounds(),
});
