/** The review feature's part of the database, `reviews`: spaced-repetition records, per person. */
import type { ChatRows } from '../../store/part.ts';
import { storePart } from '../../store/part.ts';
import type { ReviewHistory } from './history.ts';
import { MemoryReviews } from './memory.ts';
import { SqlReviews } from './sql.ts';
import type { ReviewStore } from './store.ts';

/** The reviews part's store: records, a person's history, and forgetting a person. */
export interface ReviewPartStore extends ReviewStore, ReviewHistory, ChatRows {
  /** Deletes every record of a person; returns how many there were. */
  forget(userKey: string): Promise<number>;
}

/** The table on PostgreSQL: epoch milliseconds need BIGINT; no `WITHOUT ROWID`. */
const POSTGRES = `CREATE TABLE reviews (
    user_key TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    card TEXT NOT NULL,
    due BIGINT NOT NULL,
    reps INTEGER NOT NULL,
    last_rating INTEGER NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_key, entry_id)
  );
  CREATE INDEX reviews_due ON reviews (user_key, due);`;

/** Records belong to people, not chats: a chat's move leaves them as they are. */
const noChatRows = { async moveChat(): Promise<void> {} };

/** The `reviews` store part: `store.reviews`. */
export const reviewsPart = storePart({
  name: 'reviews',
  migrations: [
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
  ].map((sqlite) => ({ sqlite, postgres: POSTGRES })),
  // It came with the whole schema's third version.
  legacyVersion: (userVersion) => (userVersion >= 3 ? 1 : 0),
  sql: (db): ReviewPartStore => Object.assign(new SqlReviews(db), noChatRows),
  memory: (): ReviewPartStore => Object.assign(new MemoryReviews(), noChatRows),
});
