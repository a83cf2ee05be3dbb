/**
 * A per-key rate limiter (token bucket): each key (a person, a chat) has a bucket of `capacity` tokens
 * that refills at `refillPerSecond`; `take(key)` spends one token and says whether there was one. Used
 * where every keystroke reaches the search (Discord autocomplete, Telegram inline queries).
 *
 * Memory is bounded: buckets are kept in least-recently-used order, a bucket that has refilled to full
 * is the same as none and is dropped as new keys arrive, and beyond `maxKeys` the least recently used
 * bucket goes (its key starts afresh, with a full bucket, next time).
 */

/** How a limiter is set up. */
export interface RateLimiterOptions {
  /** Tokens in a full bucket: the burst a key may make at once (a whole number ≥ 1). */
  capacity: number;
  /** Tokens added per second, up to `capacity` (> 0). */
  refillPerSecond: number;
  /** The clock in milliseconds (default `performance.now`); injected by tests. */
  now?: () => number;
  /** Buckets kept at most (default 10,000). */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms of the limiter's clock). */
  at: number;
}

/** At most this many idle buckets are dropped per `take`, so each call stays O(1). */
const IDLE_SWEEP = 2;

/** A token-bucket rate limiter with one bucket per key. */
export class RateLimiter {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #now: () => number;
  readonly #maxKeys: number;
  /** In least-recently-used order: the first entry is the one used longest ago. */
  readonly #buckets = new Map<string, Bucket>();

  /** @throws RangeError when the capacity, the refill rate or maxKeys cannot work. */
  constructor(options: RateLimiterOptions) {
    const { capacity, refillPerSecond, maxKeys = 10_000 } = options;
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`rate limiter: capacity must be a whole number ≥ 1, not ${capacity}`);
    if (!Number.isFinite(refillPerSecond) || refillPerSecond <= 0)
      throw new RangeError(`rate limiter: refillPerSecond must be > 0, not ${refillPerSecond}`);
    if (!Number.isInteger(maxKeys) || maxKeys < 1)
      throw new RangeError(`rate limiter: maxKeys must be a whole number ≥ 1, not ${maxKeys}`);
    this.#capacity = capacity;
    this.#perMs = refillPerSecond / 1000;
    this.#now = options.now ?? (() => performance.now());
    this.#maxKeys = maxKeys;
  }

  /** Spends one token of `key`'s bucket: true when there was one (go ahead), false when over the limit. */
  take(key: string): boolean {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
    this.#refill(bucket, now);
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    this.#evict(key, now);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Buckets held right now. */
  get size(): number {
    return this.#buckets.size;
  }

  #refill(bucket: Bucket, now: number): void {
    // A clock that goes backwards adds nothing (and the bucket keeps its later time).
    if (now <= bucket.at) return;
    bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
  }

  #full(bucket: Bucket, now: number): boolean {
    return bucket.tokens + Math.max(0, now - bucket.at) * this.#perMs >= this.#capacity;
  }

  #evict(current: string, now: number): void {
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size <= this.#maxKeys) break;
      this.#buckets.delete(key);
    }
    let swept = 0;
    for (const [key, bucket] of this.#buckets) {
      if (swept >= IDLE_SWEEP || key === current || !this.#full(bucket, now)) break;
      this.#buckets.delete(key);
      swept++;
    }
  }
}
