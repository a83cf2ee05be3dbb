/** Links and codes kept in memory (tests, and the terminal when no data folder can be used). */
import type { UserKey } from '../../kernel/identity.ts';
import { KEEP_CODES_MS, type LinkCode, type LinkStore } from './store.ts';

/** LinkStore over two maps. */
export class MemoryLinks implements LinkStore {
  /** Account → learner, for linked accounts only. */
  readonly #learners = new Map<UserKey, UserKey>();
  readonly #codes = new Map<string, LinkCode>();

  async learnerOf(user: UserKey): Promise<UserKey> {
    return this.#learners.get(user) ?? user;
  }

  async accountsOf(learner: UserKey): Promise<UserKey[]> {
    const others = [...this.#learners].filter(([, l]) => l === learner).map(([user]) => user);
    return [learner, ...others.sort()];
  }

  async detach(user: UserKey): Promise<void> {
    this.#learners.delete(user);
  }

  async putCode(code: LinkCode, now: number): Promise<void> {
    for (const [key, c] of this.#codes) {
      if ((c.user === code.user && c.usedAt === null) || c.expiresAt < now - KEEP_CODES_MS) {
        this.#codes.delete(key);
      }
    }
    this.#codes.set(code.code, { ...code });
  }

  async code(code: string): Promise<LinkCode | undefined> {
    const c = this.#codes.get(code);
    return c ? { ...c } : undefined;
  }

  async useCode(code: string, at: number): Promise<boolean> {
    const c = this.#codes.get(code);
    if (!c || c.usedAt !== null) return false;
    c.usedAt = at;
    return true;
  }

  async moveChat(): Promise<void> {}

  /** `from` and its accounts become accounts of the learner `to`. */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    for (const [user, learner] of this.#learners) if (learner === from) this.#learners.set(user, to);
    this.#learners.set(from, to);
    this.#learners.delete(to);
  }
}
