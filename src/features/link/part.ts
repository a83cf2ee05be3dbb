/**
 * The link feature's part of the database, `links`: which learner each linked platform account belongs
 * to (`/link`), and the one-time codes handed out to link them.
 */
import { storePart } from '../../store/part.ts';
import type { Migration } from '../../store/sql.ts';
import { MemoryLinks } from './memory.ts';
import { SqlLinks } from './sql.ts';
import type { LinkStore } from './store.ts';

/** The tables on PostgreSQL: epoch milliseconds need BIGINT; no `WITHOUT ROWID`. */
const POSTGRES = `CREATE TABLE links (
    user_key TEXT PRIMARY KEY,
    learner_key TEXT NOT NULL
  );
  CREATE INDEX links_learner ON links (learner_key);
  CREATE TABLE link_codes (
    code TEXT PRIMARY KEY,
    user_key TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
  );
  CREATE INDEX link_codes_user ON link_codes (user_key);`;

/** The part's migrations, in order (only ever appended); the SQLite texts are as first published. */
export const LINKS_MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE links (
     user_key TEXT PRIMARY KEY, -- a platform account, <platform>:<user id>
     learner_key TEXT NOT NULL -- the key its records are kept under (another account's)
   ) WITHOUT ROWID;
   CREATE INDEX links_learner ON links (learner_key);
   CREATE TABLE link_codes (
     code TEXT PRIMARY KEY,
     user_key TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     used_at INTEGER
   ) WITHOUT ROWID;
   CREATE INDEX link_codes_user ON link_codes (user_key);`,
].map((sqlite) => ({ sqlite, postgres: POSTGRES }));

/** The `links` store part: `store.links`. */
export const linksPart = storePart({
  name: 'links',
  migrations: LINKS_MIGRATIONS,
  sql: (db): LinkStore => new SqlLinks(db),
  memory: (): LinkStore => new MemoryLinks(),
});
