import { afterEach, describe, expect, it, vi } from 'vitest';
import { within } from '../../src/kernel/wait.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('within: the bounded wait', () => {
  it('is true when the work finishes in time, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    await expect(within(Promise.resolve('done'), 1000)).resolves.toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is false when the time is up first, without waiting for the work', async () => {
    vi.useFakeTimers();
    const waited = within(new Promise(() => {}), 1000);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(waited).resolves.toBe(false);
  });

  it('rejects when the work fails in time', async () => {
    await expect(within(Promise.reject(new Error('boom')), 1000)).rejects.toThrow('boom');
  });
});
