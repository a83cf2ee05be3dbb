/** Plans kept in memory (tests, and the terminal when no data folder can be used). */
import type { Plan, PlanStore } from './store.ts';

/** PlanStore in a Map. */
export class MemoryPlans implements PlanStore {
  readonly #plans = new Map<string, Plan>();

  async get(userKey: string): Promise<Plan | undefined> {
    const p = this.#plans.get(userKey);
    return p ? { ...p, categories: [...p.categories] } : undefined;
  }

  async put(plan: Plan): Promise<void> {
    this.#plans.set(plan.userKey, { ...plan, categories: [...plan.categories] });
  }

  async remove(userKey: string): Promise<boolean> {
    return this.#plans.delete(userKey);
  }
}
