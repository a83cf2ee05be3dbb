/**
 * The scheduler as it runs in production: node-cron ticking every minute, here under fake timers that
 * also drive the clock, over days that cross a DST switch.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryAppStore } from '../../src/app/store.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import { formatLocal } from '../../src/features/daily/time.ts';
import { Clock, RecordingOutbox, subscription, withScheduler } from './helpers.ts';

const DAY = 86_400_000;

describe('daily scheduler under node-cron', () => {
  let daily: DailyScheduler | undefined;
  afterEach(async () => {
    await daily?.stop();
    vi.useRealTimers();
  });

  it.each([
    ['America/New_York', '2025-03-07T12:00:00Z', 'spring forward'],
    ['Europe/Berlin', '2025-03-28T12:00:00Z', 'spring forward'],
    ['Europe/Berlin', '2025-10-24T12:00:00Z', 'fall back'],
    ['Asia/Shanghai', '2025-06-01T12:00:00Z', 'no DST'],
  ])('posts at 09:00 local every day in %s (%s, %s)', async (zone, start) => {
    vi.useFakeTimers({ now: Date.parse(start) });
    const store = memoryAppStore();
    const clock = new Clock(start);
    clock.now = () => new Date(); // the faked Date
    // Every 15 minutes keeps the run short; 09:00 and 12:00 fall on a tick either way.
    ({ daily } = withScheduler(store, clock, { cron: '*/15 * * * *' }));
    const outbox = new RecordingOutbox('telegram');
    daily.attach(outbox);
    const activeFrom = Date.parse(start); // subscribed now: nothing to catch up
    await store.daily.putSubscription(
      subscription('1', { timezone: zone, time: '09:00', revealAfterHours: 3, activeFrom }),
    );
    await daily.start();
    await vi.advanceTimersByTimeAsync(3 * DAY);

    const posts = outbox.sent.filter((s) => s.replyTo === undefined);
    const reveals = outbox.sent.filter((s) => s.replyTo !== undefined);
    expect(posts.map((s) => formatLocal(s.at, zone).slice(11))).toEqual(['09:00', '09:00', '09:00']);
    expect(new Set(posts.map((s) => formatLocal(s.at, zone).slice(0, 10))).size).toBe(3);
    expect(reveals.map((s) => formatLocal(s.at, zone).slice(11))).toEqual(['12:00', '12:00', '12:00']);
  });

  it('catches up at start, then ticks every minute', async () => {
    vi.useFakeTimers({ now: Date.parse('2025-06-01T03:00:00Z') }); // 11:00 in Shanghai
    const store = memoryAppStore();
    const clock = new Clock('2025-06-01T03:00:00Z');
    clock.now = () => new Date();
    ({ daily } = withScheduler(store, clock));
    const outbox = new RecordingOutbox('telegram');
    daily.attach(outbox);
    await store.daily.putSubscription(subscription('1', { revealAfterHours: 0 }));
    await daily.start();
    await daily.idle();
    expect(outbox.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(DAY);
    expect(outbox.sent).toHaveLength(2);
  });
});
