/** The plans of the SQLite store (table `plans`). */
import type { SqliteHandle } from '../../store/part.ts';
import type { WriteGuard } from '../../store/write-guard.ts';
import type { Plan, PlanStore } from './store.ts';

interface Row extends Omit<Plan, 'categories'> {
  categories: string;
}

const COLUMNS = 'user_key AS userKey, date, categories, cap, created_at AS createdAt, day, done, introduced';

/** PlanStore over an open, migrated database. */
export class SqlitePlans implements PlanStore {
  readonly #get;
  readonly #put;
  readonly #remove;
  readonly #write: WriteGuard;

  constructor({ db, write }: SqliteHandle) {
    this.#write = write;
    this.#get = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM plans WHERE user_key = ?`);
    this.#put = db.prepare<[Row]>(
      `INSERT OR REPLACE INTO plans (user_key, date, categories, cap, created_at, day, done, introduced)
       VALUES (@userKey, @date, @categories, @cap, @createdAt, @day, @done, @introduced)`,
    );
    this.#remove = db.prepare<[string]>('DELETE FROM plans WHERE user_key = ?');
  }

  async get(userKey: string): Promise<Plan | undefined> {
    const row = this.#get.get(userKey);
    return row ? { ...row, categories: JSON.parse(row.categories) as string[] } : undefined;
  }

  async put(plan: Plan): Promise<void> {
    this.#write(() => this.#put.run({ ...plan, categories: JSON.stringify(plan.categories) }));
  }

  async remove(userKey: string): Promise<boolean> {
    return this.#write(() => this.#remove.run(userKey).changes > 0);
  }
}
