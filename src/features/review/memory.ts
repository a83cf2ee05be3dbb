/** Review records kept in memory (tests, and the terminal when no data folder can be used). */

import type { UserKey } from '../../kernel/identity.ts';
import type { ReviewHistory } from './history.ts';
import type { ReviewRecord, ReviewStore } from './store.ts';

/** ReviewStore in a Map. */
export class MemoryReviews implements ReviewStore, ReviewHistory {
  readonly #records = new Map<string, ReviewRecord>();

  async get(userKey: string, entryId: string): Promise<ReviewRecord | undefined> {
    const r = this.#records.get(`${userKey}\n${entryId}`);
    return r ? { ...r } : undefined;
  }

  async put(record: ReviewRecord): Promise<void> {
    this.#records.set(`${record.userKey}\n${record.entryId}`, { ...record });
  }

  #of(userKey: string): ReviewRecord[] {
    return [...this.#records.values()].filter((r) => r.userKey === userKey);
  }

  async records(userKey: string): Promise<ReviewRecord[]> {
    return this.#of(userKey)
      .sort((a, b) => a.updatedAt - b.updatedAt)
      .map((r) => ({ ...r }));
  }

  /** Deletes every record of a person; returns how many there were. */
  async forget(userKey: string): Promise<number> {
    const mine = this.#of(userKey);
    for (const r of mine) this.#records.delete(`${r.userKey}\n${r.entryId}`);
    return mine.length;
  }

  /** Merges a person's records into another's: of one entry, the later rating wins; `reps` add up. */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    for (const r of this.#of(from)) {
      this.#records.delete(`${from}\n${r.entryId}`);
      const mine = this.#records.get(`${to}\n${r.entryId}`);
      const reps = r.reps + (mine?.reps ?? 0);
      const winner = mine && mine.updatedAt >= r.updatedAt ? mine : r;
      this.#records.set(`${to}\n${r.entryId}`, { ...winner, userKey: to, reps });
    }
  }

  async due(userKey: string, now: number, limit: number): Promise<string[]> {
    return this.#of(userKey)
      .filter((r) => r.due <= now)
      .sort((a, b) => a.due - b.due)
      .slice(0, limit)
      .map((r) => r.entryId);
  }

  async stats(userKey: string, now: number): Promise<{ total: number; due: number; nextDue: number | null }> {
    const mine = this.#of(userKey);
    const later = mine.filter((r) => r.due > now).map((r) => r.due);
    return {
      total: mine.length,
      due: mine.length - later.length,
      nextDue: later.length > 0 ? Math.min(...later) : null,
    };
  }
}
