/** The plans over SQLite or PostgreSQL (table `plans`; its migration is in `part.ts`). */
import type { UserKey } from '../../kernel/identity.ts';
import type { SqlDatabase, SqlValue } from '../../store/sql.ts';
import type { Plan, PlanStore } from './store.ts';

interface Row extends Omit<Plan, 'categories'> {
  categories: string;
}

const COLUMNS =
  'user_key AS "userKey", date, categories, cap, created_at AS "createdAt", day, done, introduced';

const INSERT = `INSERT INTO plans (user_key, date, categories, cap, created_at, day, done, introduced)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (user_key) DO UPDATE SET date = excluded.date, categories = excluded.categories,
    cap = excluded.cap, created_at = excluded.created_at, day = excluded.day, done = excluded.done,
    introduced = excluded.introduced`;

const fromRow = (row: Row): Plan => ({ ...row, categories: JSON.parse(row.categories) as string[] });

const params = (plan: Plan, userKey = plan.userKey): SqlValue[] => [
  userKey,
  plan.date,
  JSON.stringify(plan.categories),
  plan.cap,
  plan.createdAt,
  plan.day,
  plan.done,
  plan.introduced,
];

/** PlanStore over an open, migrated database. */
export class SqlPlans implements PlanStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async get(userKey: string): Promise<Plan | undefined> {
    const row = await this.#db.get<Row>(`SELECT ${COLUMNS} FROM plans WHERE user_key = ?`, [userKey]);
    return row && fromRow(row);
  }

  async put(plan: Plan): Promise<void> {
    await this.#db.run(INSERT, params(plan));
  }

  async remove(userKey: string): Promise<boolean> {
    return (await this.#db.run('DELETE FROM plans WHERE user_key = ?', [userKey])).changes > 0;
  }

  /**
   * Merges a person's plan into another's: where both have one, the one set later stays (a plan is one
   * decision, not a count). The plan moved is the one deleted, and the later one wins in one upsert, so
   * another process changing either plan meanwhile is neither lost half-way nor overwritten by an older one.
   */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    await this.#db.transaction(async () => {
      const theirs = await this.#db.get<Row>(`DELETE FROM plans WHERE user_key = ? RETURNING ${COLUMNS}`, [
        from,
      ]);
      if (!theirs) return;
      await this.#db.run(
        `${INSERT} WHERE plans.created_at < excluded.created_at`,
        params(fromRow(theirs), to),
      );
    });
  }
}
