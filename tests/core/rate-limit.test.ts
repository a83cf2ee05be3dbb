import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/core/rate-limit.ts';

/** A clock the test moves by hand, in milliseconds. */
function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('RateLimiter', () => {
  it('lets a burst of `capacity` through, then refuses until tokens refill', () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 3, refillPerSecond: 2, now: c.now });
    expect([1, 2, 3, 4].map(() => limiter.take('ada'))).toEqual([true, true, true, false]);
    c.advance(499);
    expect(limiter.take('ada')).toBe(false);
    c.advance(1);
    expect(limiter.take('ada')).toBe(true);
    expect(limiter.take('ada')).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1, now: c.now });
    expect(limiter.take('ada')).toBe(true);
    expect(limiter.take('ada')).toBe(false);
    expect(limiter.take('bob')).toBe(true);
  });

  it('never stores more than `capacity` tokens, however long a key was idle', () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 10, now: c.now });
    limiter.take('ada');
    c.advance(3_600_000);
    expect([1, 2, 3].map(() => limiter.take('ada'))).toEqual([true, true, false]);
  });
});
