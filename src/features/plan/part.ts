/** The plan feature's part of the database, `plans`: each person's interview-date plan. */
import type { UserKey } from '../../kernel/identity.ts';
import type { ChatRows } from '../../store/part.ts';
import { storePart } from '../../store/part.ts';
import { MemoryPlans } from './memory.ts';
import { SqlPlans } from './sql.ts';
import type { PlanStore } from './store.ts';

/** Plans belong to people, not chats: a chat's move leaves them as they are. */
const noChatRows = { async moveChat(): Promise<void> {} };

/**
 * Merges a person's plan into another's: where both have one, the one set later stays (a plan is one
 * decision, not a count). In memory; `SqlPlans.moveUser` keeps the same rule in two statements.
 */
async function moveUser(this: PlanStore, from: UserKey, to: UserKey): Promise<void> {
  const theirs = await this.get(from);
  if (!theirs || from === to) return;
  await this.remove(from);
  const mine = await this.get(to);
  if (!mine || mine.createdAt < theirs.createdAt) await this.put({ ...theirs, userKey: to });
}

/** The table on PostgreSQL: epoch milliseconds need BIGINT; no `WITHOUT ROWID`. */
const POSTGRES = `CREATE TABLE plans (
    user_key TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    categories TEXT NOT NULL,
    cap INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    day TEXT NOT NULL,
    done INTEGER NOT NULL,
    introduced INTEGER NOT NULL
  );`;

/** The `plans` store part: `store.plans`. */
export const plansPart = storePart({
  name: 'plans',
  migrations: [
    `CREATE TABLE plans (
       user_key TEXT PRIMARY KEY,
       date TEXT NOT NULL, -- YYYY-MM-DD, the interview day
       categories TEXT NOT NULL, -- JSON array of category ids; [] = all
       cap INTEGER NOT NULL,
       created_at INTEGER NOT NULL,
       day TEXT NOT NULL, -- the local day that done and introduced count
       done INTEGER NOT NULL,
       introduced INTEGER NOT NULL
     ) WITHOUT ROWID;`,
  ].map((sqlite) => ({ sqlite, postgres: POSTGRES })),
  sql: (db): PlanStore & ChatRows => Object.assign(new SqlPlans(db), noChatRows),
  memory: (): PlanStore & ChatRows => Object.assign(new MemoryPlans(), noChatRows, { moveUser }),
});
