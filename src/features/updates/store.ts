/**
 * The updates a platform delivered that some replica already took (feature `updates`): a platform may
 * deliver one update twice (Telegram resends a webhook update it counts as failed), and replicas behind
 * one load balancer may each receive it. The first to claim an update handles it and marks it done; the
 * others drop it, or, while it is claimed but not done, ask for it later. A claim left undone longer than
 * the staleness bound belongs to a replica that died handling it, and the next claim takes it over.
 */
import type { ChatRows } from '../../store/part.ts';

/**
 * What a claim got: `claimed` (this process handles the update: first delivery, or taken over from a
 * stale claim), `done` (handled already: drop it), `busy` (claimed lately and not done: being handled
 * elsewhere).
 */
export type ClaimResult = 'claimed' | 'done' | 'busy';

/** The claims of delivered updates, by platform and the platform's update id. */
export interface UpdateClaims extends ChatRows {
  /**
   * Claims an update for this process at `now` (epoch ms, kept for `prune` and staleness): `claimed`
   * for exactly one of the claims made at once among every process sharing the store, when the update
   * was never claimed or its claim is not done and older than `staleBefore` (epoch ms); otherwise
   * `done` or `busy` (see ClaimResult).
   */
  claim(platform: string, updateId: string, now: number, staleBefore: number): Promise<ClaimResult>;
  /** Records that a claimed update was handled (at `now`, epoch ms); nothing for an unknown claim. */
  done(platform: string, updateId: string, now: number): Promise<void>;
  /** Forgets the claims made before `before` (epoch ms), done or not; returns how many there were. */
  prune(before: number): Promise<number>;
}

/** One claim in memory. */
interface MemoryClaim {
  claimedAt: number;
  doneAt?: number;
}

/** UpdateClaims in a Map (one process). */
export class MemoryUpdateClaims implements UpdateClaims {
  readonly #claimed = new Map<string, MemoryClaim>();

  async claim(platform: string, updateId: string, now: number, staleBefore: number): Promise<ClaimResult> {
    const key = `${platform}\u0000${updateId}`;
    const held = this.#claimed.get(key);
    // No await between the check and the set: two claims in one process cannot both win.
    if (!held || (held.doneAt === undefined && held.claimedAt < staleBefore)) {
      this.#claimed.set(key, { claimedAt: now });
      return 'claimed';
    }
    return held.doneAt === undefined ? 'busy' : 'done';
  }

  async done(platform: string, updateId: string, now: number): Promise<void> {
    const held = this.#claimed.get(`${platform}\u0000${updateId}`);
    if (held) held.doneAt = now;
  }

  async prune(before: number): Promise<number> {
    let pruned = 0;
    for (const [key, held] of this.#claimed)
      if (held.claimedAt < before) {
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
