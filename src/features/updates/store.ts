/**
 * The updates a platform delivered that some replica already took (feature `updates`): a platform may
 * deliver one update twice (Telegram resends a webhook update it counts as failed), and replicas behind
 * one load balancer may each receive it. The first to claim an update handles it; the others drop it.
 */
import type { ChatRows } from '../../store/part.ts';

/** The claims of delivered updates, by platform and the platform's update id. */
export interface UpdateClaims extends ChatRows {
  /**
   * Claims an update for this process: true exactly once per (platform, update id) among every process
   * sharing the store, false for every later claim (handled already, or being handled elsewhere).
   * `now` is kept (epoch ms) for `prune`.
   */
  claim(platform: string, updateId: string, now: number): Promise<boolean>;
  /** Forgets the claims made before `before` (epoch ms); returns how many there were. */
  prune(before: number): Promise<number>;
}

/** UpdateClaims in a Map (one process). */
export class MemoryUpdateClaims implements UpdateClaims {
  readonly #claimed = new Map<string, number>();

  async claim(platform: string, updateId: string, now: number): Promise<boolean> {
    const key = `${platform}\u0000${updateId}`;
    // No await between the check and the set: two claims in one process cannot both win.
    if (this.#claimed.has(key)) return false;
    this.#claimed.set(key, now);
    return true;
  }

  async prune(before: number): Promise<number> {
    let pruned = 0;
    for (const [key, at] of this.#claimed)
      if (at < before) {
        this.#claimed.delete(key);
        pruned++;
      }
    return pruned;
  }

  /** Claims belong to no chat: a chat's move leaves them. */
  async moveChat(): Promise<void> {}

  /** Claims belong to no person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}
}
