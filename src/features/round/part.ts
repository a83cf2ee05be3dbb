/** The round feature's part of the database, `rounds`: each chat's running group round. */
import { storePart } from '../../store/part.ts';
import { MemoryRounds } from './memory.ts';
import { SqliteRounds } from './sqlite.ts';
import type { RoundStore } from './store.ts';

/** The part's migrations, in order (only ever appended). */
export const ROUNDS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE rounds (
     chat_key TEXT PRIMARY KEY,
     next_at INTEGER NOT NULL,
     data TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX rounds_next ON rounds (next_at);`,
];

/** The `rounds` store part: `store.rounds`. */
export const roundsPart = storePart({
  name: 'rounds',
  migrations: ROUNDS_MIGRATIONS,
  sqlite: (handle): RoundStore => new SqliteRounds(handle),
  memory: (): RoundStore => new MemoryRounds(),
});
