/**
 * A per-key token bucket: each key (a person) may make `capacity` requests in a burst, then
 * `refillPerSecond` a second. Used where anyone can make the bot work without limit (Telegram inline
 * queries, Discord autocomplete on every keystroke). Idle keys are forgotten, so memory follows the
 * people active in the last few seconds, not everyone ever seen.
 */

/** How a RateLimiter refills. */
export interface RateLimiterOptions {
  /** Requests allowed in a burst (the bucket's size). */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
  /** The clock in milliseconds (`Date.now` by default; tests pass their own). */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before idle ones are swept. */
const SWEEP_AT = 10_000;

/** Per-key token buckets. */
export class RateLimiter {
  readonly #capacity: number;
  readonly #refill: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();
  #sweepAt = SWEEP_AT;

  constructor(options: RateLimiterOptions) {
    this.#capacity = Math.max(1, options.capacity);
    this.#refill = Math.max(0, options.refillPerSecond);
    this.#now = options.now ?? Date.now;
  }

  /** Takes one token of a key: true when the request may go ahead, false when it is over the limit. */
  take(key: string): boolean {
    const now = this.#now();
    const bucket = this.#buckets.get(key);
    const tokens = bucket ? this.#level(bucket, now) : this.#capacity;
    if (tokens < 1) return false;
    if (!bucket && this.#buckets.size >= this.#sweepAt) this.#sweep(now);
    this.#buckets.set(key, { tokens: tokens - 1, at: now });
    return true;
  }

  /** The tokens of a bucket now, capped at the capacity. */
  #level(bucket: Bucket, now: number): number {
    return Math.min(this.#capacity, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.#refill);
  }

  /** Forgets the buckets that are full again (a new bucket starts full, so nothing changes for them). */
  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets)
      if (this.#level(bucket, now) >= this.#capacity) this.#buckets.delete(key);
    // When most keys are active, sweep again only after as many new ones (amortised O(1) a take).
    this.#sweepAt = Math.max(SWEEP_AT, this.#buckets.size * 2);
  }
}
