/** Links and codes kept in memory (tests, and the terminal when no data folder can be used). */
import type { UserKey } from '../../kernel/identity.ts';
import { KEEP_CODES_MS, type LinkCode, type LinkStore } from './store.ts';

/** LinkStore over two maps. */
export class MemoryLinks implements LinkStore {
  /** Account → learner, for linked accounts only. */
  readonly #learners = new Map<UserKey, UserKey>();
  readonly #codes = new Map<string, LinkCode>();

  learnerOf(user: UserKey): UserKey {
    return this.#learners.get(user) ?? user;
  }

  accountsOf(learner: UserKey): UserKey[] {
    const others = [...this.#learners].filter(([, l]) => l === learner).map(([user]) => user);
    return [learner, ...others.sort()];
  }

  detach(user: UserKey): void {
    this.#learners.delete(user);
  }

  putCode(code: LinkCode, now: number): void {
    for (const [key, c] of this.#codes) {
      if ((c.user === code.user && c.usedAt === null) || c.expiresAt < now - KEEP_CODES_MS) {
        this.#codes.delete(key);
      }
    }
    this.#codes.set(code.code, { ...code });
  }

  code(code: string): LinkCode | undefined {
    const c = this.#codes.get(code);
    return c ? { ...c } : undefined;
  }

  useCode(code: string, at: number): boolean {
    const c = this.#codes.get(code);
    if (!c || c.usedAt !== null) return false;
    c.usedAt = at;
    return true;
  }

  moveChat(): void {}

  /** `from` and its accounts become accounts of the learner `to`. */
  moveUser(from: UserKey, to: UserKey): void {
    if (from === to) return;
    for (const [user, learner] of this.#learners) if (learner === from) this.#learners.set(user, to);
    this.#learners.set(from, to);
    this.#learners.delete(to);
  }
}
