/**
 * What the plan feature keeps: each person's interview-date plan (the date, the focus categories, the
 * daily cap) and today's load so far. Declared as the `plans` store part in `part.ts`.
 */

/** One person's interview-date plan. */
export interface Plan {
  /** `<platform>:<user id>`. */
  userKey: string;
  /** The interview day, `YYYY-MM-DD` in the bot's time zone. */
  date: string;
  /** Focus category ids; empty means every category. */
  categories: string[];
  /** At most this many ratings a day through /review. */
  cap: number;
  /** Epoch ms the plan was set. */
  createdAt: number;
  /** The local day (`YYYY-MM-DD`) that `done` and `introduced` count. */
  day: string;
  /** Ratings on `day`. */
  done: number;
  /** New cards first rated on `day`. */
  introduced: number;
}

/** Plans, one per person. */
export interface PlanStore {
  /** The plan of a person, if any. */
  get(userKey: string): Promise<Plan | undefined>;
  /** Creates or replaces a person's plan. */
  put(plan: Plan): Promise<void>;
  /** Removes a person's plan; true when there was one. */
  remove(userKey: string): Promise<boolean>;
}
