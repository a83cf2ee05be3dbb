/**
 * A lane bounds the sends to one platform: at most `concurrency` at a time, at most `perSecond` on
 * average with bursts of `burst` (a token bucket, so in any one second at most `burst + perSecond` go
 * out), and a pause for everyone when the platform says "too many requests, retry after N s".
 * Waiters are served in order; a retry may go to the front.
 */

import type { SendLimits } from '../../kernel/outbox.ts';

/** A lane's limits: the send limits its platform's outbox declares. */
export type LaneLimits = SendLimits;

/** Frees the slot taken by `acquire`; calling it again does nothing. */
export type Release = () => void;

interface Waiter {
  resolve: (release: Release) => void;
  reject: (error: unknown) => void;
}

/** Thrown to waiters of a lane that was closed. */
export class LaneClosedError extends Error {
  override readonly name = 'LaneClosedError';
}

/** One platform's send gate. */
export class Lane {
  readonly #limits: LaneLimits;
  readonly #clock: () => number;
  readonly #waiters: Waiter[] = [];
  #active = 0;
  #tokens: number;
  #refilledAt: number;
  #pausedUntil = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(limits: LaneLimits, clock: () => number = Date.now) {
    this.#limits = {
      ...limits,
      burst: Math.max(1, limits.burst),
      concurrency: Math.max(1, limits.concurrency),
    };
    this.#clock = clock;
    this.#tokens = this.#limits.burst;
    this.#refilledAt = clock();
  }

  /** Waits for a slot and a token; `front` queues ahead of the others (a retry keeps its turn). */
  acquire(options: { front?: boolean } = {}): Promise<Release> {
    if (this.#closed) return Promise.reject(new LaneClosedError('the lane is closed'));
    return new Promise<Release>((resolve, reject) => {
      const waiter = { resolve, reject };
      if (options.front) this.#waiters.unshift(waiter);
      else this.#waiters.push(waiter);
      this.#pump();
    });
  }

  /** Holds every send back for `ms` (the platform's retry-after). */
  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock() + Math.max(0, ms));
    this.#pump();
  }

  /** Sends in flight and waiting. */
  load(): { active: number; waiting: number } {
    return { active: this.#active, waiting: this.#waiters.length };
  }

  /** Rejects every waiter with `LaneClosedError`; later `acquire` calls reject at once. */
  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new LaneClosedError('the lane is closed'));
  }

  #refill(now: number): void {
    const { perSecond, burst } = this.#limits;
    if (perSecond === Number.POSITIVE_INFINITY) this.#tokens = burst;
    else this.#tokens = Math.min(burst, this.#tokens + ((now - this.#refilledAt) * perSecond) / 1000);
    this.#refilledAt = now;
  }

  #pump(): void {
    if (this.#timer || this.#closed) return;
    while (this.#waiters.length > 0 && this.#active < this.#limits.concurrency) {
      const now = this.#clock();
      this.#refill(now);
      const wait = Math.max(
        this.#pausedUntil - now,
        this.#tokens >= 1 ? 0 : ((1 - this.#tokens) * 1000) / this.#limits.perSecond,
      );
      if (wait > 0) {
        this.#timer = setTimeout(
          () => {
            this.#timer = undefined;
            this.#pump();
          },
          Math.max(1, Math.ceil(wait)),
        );
        return;
      }
      const waiter = this.#waiters.shift();
      if (!waiter) return;
      this.#tokens -= 1;
      this.#active++;
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        this.#active--;
        this.#pump();
      });
    }
  }
}
