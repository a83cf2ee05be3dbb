import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/kernel/rate-limit.ts';

/** A clock the test moves by hand (milliseconds). */
function clock() {
  let t = 1_000_000;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

describe('RateLimiter', () => {
  it('allows a burst of `capacity`, then refuses until tokens refill', () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 3, refillPerSecond: 2, now: c.now });
    expect([1, 2, 3, 4].map(() => limiter.take('ann'))).toEqual([true, true, true, false]);
    c.advance(499);
    expect(limiter.take('ann')).toBe(false);
    c.advance(1);
    expect(limiter.take('ann')).toBe(true);
    expect(limiter.take('ann')).toBe(false);
  });

  it('refills at the given rate, never beyond capacity', () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 4, refillPerSecond: 10, now: c.now });
    for (let i = 0; i < 4; i++) limiter.take('bo');
    c.advance(60_000);
    const allowed = Array.from({ length: 10 }, () => limiter.take('bo')).filter(Boolean).length;
    expect(allowed).toBe(4);
    // Steady state: 10 per second, whatever the spacing.
    let granted = 0;
    for (let i = 0; i < 100; i++) {
      c.advance(50);
      if (limiter.take('bo')) granted++;
    }
    expect(granted).toBe(50);
  });

  it('keeps one bucket per key: one key over its limit does not limit another', () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 1, now: c.now });
    expect(limiter.take('flood')).toBe(true);
    expect(limiter.take('flood')).toBe(true);
    expect(limiter.take('flood')).toBe(false);
    expect(limiter.take('calm')).toBe(true);
    expect(limiter.take('calm')).toBe(true);
  });

  it('forgets idle keys, and never keeps more than maxKeys', () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 1, now: c.now, maxKeys: 100 });
    for (let i = 0; i < 50; i++) limiter.take(`idle-${i}`);
    expect(limiter.size).toBe(50);
    c.advance(2_000); // full again: equivalent to a fresh bucket, so they can go
    for (let i = 0; i < 10; i++) limiter.take(`new-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(10 + 50 - 10 * 2);
    for (let i = 0; i < 10_000; i++) limiter.take(`many-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });

  it('evicts the least recently used key first when full, so an active flooder stays limited', () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 0.001, now: c.now, maxKeys: 3 });
    expect(limiter.take('flood')).toBe(true);
    limiter.take('a');
    limiter.take('b');
    expect(limiter.take('flood')).toBe(false); // flood is now the most recent
    limiter.take('c'); // evicts a, the least recently used
    expect(limiter.take('flood')).toBe(false);
    expect(limiter.take('a')).toBe(true); // a fresh bucket
  });

  it('rejects a configuration that could never allow anything or never refill', () => {
    expect(() => new RateLimiter({ capacity: 0, refillPerSecond: 1 })).toThrow(/capacity/);
    expect(() => new RateLimiter({ capacity: 1.5, refillPerSecond: 1 })).toThrow(/capacity/);
    expect(() => new RateLimiter({ capacity: 1, refillPerSecond: 0 })).toThrow(/refillPerSecond/);
    expect(() => new RateLimiter({ capacity: 1, refillPerSecond: Number.NaN })).toThrow(/refillPerSecond/);
    expect(() => new RateLimiter({ capacity: 1, refillPerSecond: 1, maxKeys: 0 })).toThrow(/maxKeys/);
  });

  it('survives a clock that goes backwards without granting extra tokens', () => {
    const c = clock();
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1, now: c.now });
    expect(limiter.take('k')).toBe(true);
    c.advance(-10_000);
    expect(limiter.take('k')).toBe(false);
    c.advance(10_000 + 1_000);
    expect(limiter.take('k')).toBe(true);
  });
});
