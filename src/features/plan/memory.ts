/** Plans kept in memory (tests, and the terminal when no data folder can be used). */
import type { Plan, PlanStore } from './store.ts';

/** PlanStore in a Map. */
export class MemoryPlans implements PlanStore {
  readonly #plans = new Map<string, Plan>();

  get(userKey: string): Plan | undefined {
    const p = this.#plans.get(userKey);
    return p ? { ...p, categories: [...p.categories] } : undefined;
  }

  put(plan: Plan): void {
    this.#plans.set(plan.userKey, { ...plan, categories: [...plan.categories] });
  }

  remove(userKey: string): boolean {
    return this.#plans.delete(userKey);
  }
}
