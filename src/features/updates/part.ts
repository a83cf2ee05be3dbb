/**
 * The updates feature's part of the database, `updates`: which delivered updates a replica claimed,
 * and when it had handled them (`store.ts`). One table on both engines (`BIGINT` is an integer column
 * in SQLite too).
 */
import { storePart } from '../../store/part.ts';
import { SqlUpdateClaims } from './sql.ts';
import { MemoryUpdateClaims, type UpdateClaims } from './store.ts';

/** The `updates` store part: `store.updates`. */
export const updatesPart = storePart({
  name: 'updates',
  migrations: [
    `CREATE TABLE claimed_updates (
       platform TEXT NOT NULL,
       update_id TEXT NOT NULL,
       claimed_at BIGINT NOT NULL, -- epoch ms
       PRIMARY KEY (platform, update_id)
     );
     CREATE INDEX claimed_updates_at ON claimed_updates (claimed_at);`,
    // When the claimed update was handled (null while it is being handled, or its replica died doing so).
    // Claims made before this column were dropped on any repeat: they count as done, as they were.
    `ALTER TABLE claimed_updates ADD COLUMN done_at BIGINT; -- epoch ms
     UPDATE claimed_updates SET done_at = claimed_at;`,
  ],
  sql: (db): UpdateClaims => new SqlUpdateClaims(db),
  memory: (): UpdateClaims => new MemoryUpdateClaims(),
});
