import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryAppStore } from '../../src/app/store.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import { DeliveryError } from '../../src/kernel/outbox.ts';
import { Clock, RecordingOutbox, subscription, withScheduler } from './helpers.ts';

const NINE = '2025-06-01T01:00:00Z';
const DAY = 86_400_000;
const post = (chatId: string, slot = '2025-06-01') => ({
  chatKey: `telegram:${chatId}`,
  slot,
  kind: 'post' as const,
});

describe('daily delivery', () => {
  let clock: Clock;
  let store: Store;
  let daily: DailyScheduler;
  let outbox: RecordingOutbox;
  const schedulers: DailyScheduler[] = [];

  function boot(options: Parameters<typeof withScheduler>[2] = {}) {
    const made = withScheduler(store, clock, options).daily;
    made.attach(outbox);
    schedulers.push(made);
    return made;
  }

  beforeEach(() => {
    clock = new Clock(NINE);
    store = memoryAppStore();
    outbox = new RecordingOutbox('telegram', clock);
    daily = boot();
  });
  afterEach(async () => {
    vi.useRealTimers();
    for (const s of schedulers.splice(0)) await s.stop();
  });

  it('retries transient failures with backoff, then posts once', async () => {
    await store.daily.putSubscription(subscription('1'));
    outbox.fail = (_chat, attempt) =>
      attempt <= 2 ? new DeliveryError('502 Bad Gateway', 'transient') : undefined;
    const { outcomes } = await daily.tick();
    expect(outcomes.map((o) => o.status)).toEqual(['sent']);
    expect(outbox.sent).toHaveLength(1);
    expect(await store.daily.getDelivery(post('1'))).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('gives up for the day after the last transient attempt', async () => {
    await store.daily.putSubscription(subscription('1'));
    outbox.fail = () => new DeliveryError('timeout', 'transient');
    await daily.tick();
    expect(outbox.attempts).toBe(6);
    expect(await store.daily.getDelivery(post('1'))).toMatchObject({ status: 'failed', attempts: 6 });
    clock.advance(60_000);
    await daily.tick();
    expect(outbox.attempts).toBe(6);
  });

  it('pauses the lane for a rate limit’s retry-after, then delivers every chat exactly once', async () => {
    vi.useFakeTimers();
    const lane = { perSecond: Number.POSITIVE_INFINITY, burst: 1, concurrency: 1 };
    const serial = boot({ lanes: { telegram: lane } });
    for (const id of ['1', '2', '3']) await store.daily.putSubscription(subscription(id));
    outbox.fail = (_chat, attempt) =>
      attempt === 2
        ? new DeliveryError('429 Too Many Requests', 'rate-limited', { retryAfterMs: 3000 })
        : undefined;
    const ticking = serial.tick();
    await vi.advanceTimersByTimeAsync(2999);
    expect(outbox.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await ticking;
    expect(outbox.sent.map((s) => s.chatId).sort()).toEqual(['1', '2', '3']);
  });

  it('leaves a long retry to a later tick, also in a later process', async () => {
    await store.daily.putSubscription(subscription('1'));
    outbox.fail = (_chat, attempt) =>
      attempt === 1 ? new DeliveryError('429', 'rate-limited', { retryAfterMs: 120_000 }) : undefined;
    await daily.tick();
    expect(await store.daily.getDelivery(post('1'))).toMatchObject({
      status: 'retry',
      nextAttemptAt: clock.t + 120_000,
    });
    await daily.stop();
    const next = boot();
    clock.advance(60_000);
    await next.tick();
    expect(outbox.sent).toHaveLength(0);
    clock.advance(60_000);
    await next.tick();
    expect(outbox.sent).toHaveLength(1);
  });

  it('disables a gone chat after 3 failed days, without delaying the others', async () => {
    await store.daily.putSubscription(subscription('gone'));
    await store.daily.putSubscription(subscription('ok', { revealAfterHours: 0 }));
    outbox.fail = (chat) =>
      chat === 'gone' ? new DeliveryError('403 Forbidden: bot was kicked', 'gone') : undefined;
    for (let day = 1; day <= 3; day++) {
      await daily.tick();
      await daily.tick(); // a second tick the same day counts no extra day
      expect((await store.daily.getSubscription('telegram:gone'))?.goneDays).toBe(day);
      expect((await store.daily.getSubscription('telegram:gone'))?.disabledAt !== null).toBe(day === 3);
      clock.advance(DAY);
    }
    const attempts = outbox.attempts;
    await daily.tick();
    expect(outbox.attempts).toBe(attempts + 1); // only the healthy chat
    expect(outbox.to('ok')).toHaveLength(4);
  });

  it('forgets gone days after a successful post', async () => {
    await store.daily.putSubscription(subscription('1', { revealAfterHours: 0 }));
    outbox.fail = (_c, attempt) => (attempt === 1 ? new DeliveryError('403', 'gone') : undefined);
    await daily.tick();
    expect((await store.daily.getSubscription('telegram:1'))?.goneDays).toBe(1);
    clock.advance(DAY);
    await daily.tick();
    expect(await store.daily.getSubscription('telegram:1')).toMatchObject({ goneDays: 0, disabledAt: null });
  });

  /**
   * The store as one replica sees it while another changes `/daily` settings: once a send has begun, the
   * first call that reads or writes the chat's subscription is followed at once by the other replica's
   * change to it (made from the row as it then is).
   */
  function withAdminAfterSend(): { daily: Store['daily']; sending: () => void } {
    const real = store.daily;
    const touching = new Set<PropertyKey>(['getSubscription', 'resetGone', 'markGone']);
    let armed = false;
    const daily = new Proxy(real, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop);
        if (typeof value !== 'function') return value;
        if (!touching.has(prop)) return value.bind(target);
        return async (key: string, ...rest: unknown[]) => {
          const result: unknown = await value.call(target, key, ...rest);
          const sub = armed ? await real.getSubscription(key) : undefined;
          if (sub) {
            armed = false;
            await real.putSubscription({ ...sub, time: '21:30', category: 'ml' });
          }
          return result;
        };
      },
    });
    const sending = () => {
      armed = true;
    };
    return { daily, sending };
  }

  it('keeps a `/daily` change made on another replica while a gone day is counted or cleared', async () => {
    await store.daily.putSubscription(subscription('1', { revealAfterHours: 0 }));
    const admin = withAdminAfterSend();
    store = { ...store, daily: admin.daily };
    const replica = boot();
    outbox.fail = () => {
      admin.sending();
      return new DeliveryError('403', 'gone');
    };
    await replica.tick();
    expect(await store.daily.getSubscription('telegram:1')).toMatchObject({
      time: '21:30',
      category: 'ml',
      goneDays: 1,
    });
    await store.daily.putSubscription(subscription('1', { revealAfterHours: 0 }));
    clock.advance(DAY);
    outbox.fail = () => void admin.sending();
    await replica.tick();
    expect(outbox.sent).toHaveLength(1);
    expect(await store.daily.getSubscription('telegram:1')).toMatchObject({
      time: '21:30',
      category: 'ml',
      goneDays: 0,
    });
  });

  it('does not let a hanging chat block the lane', async () => {
    const lane = { perSecond: Number.POSITIVE_INFINITY, burst: 1, concurrency: 1 };
    const narrow = boot({ lanes: { telegram: lane }, retry: { slotHoldMs: 20 }, stopTimeoutMs: 0 });
    await daily.stop();
    for (const id of ['a', 'b', 'c']) await store.daily.putSubscription(subscription(id));
    outbox.fail = (chat) => (chat === 'a' ? 'hang' : undefined);
    void narrow.tick();
    await expect.poll(() => outbox.sent.map((s) => s.chatId).sort(), { timeout: 2000 }).toEqual(['b', 'c']);
  });

  it('paces sends to the lane’s rate', async () => {
    vi.useFakeTimers();
    const paced = boot({ lanes: { telegram: { perSecond: 10, burst: 2, concurrency: 4 } } });
    for (let i = 0; i < 12; i++)
      await store.daily.putSubscription(subscription(String(i), { revealAfterHours: 0 }));
    const ticking = paced.tick();
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.sent).toHaveLength(2); // the burst
    await vi.advanceTimersByTimeAsync(500);
    expect(outbox.sent).toHaveLength(7); // + 10/s
    await vi.advanceTimersByTimeAsync(500);
    await ticking;
    expect(outbox.sent).toHaveLength(12);
  });

  it('stops at once while a retry waits, and does nothing after stop', async () => {
    vi.useFakeTimers();
    const slow = boot({ retry: { baseMs: 30_000 } });
    await store.daily.putSubscription(subscription('1'));
    outbox.fail = () => new DeliveryError('503', 'transient');
    const ticking = slow.tick();
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.attempts).toBe(1);
    await slow.stop(); // resolves without the 30 s backoff elapsing
    await ticking;
    expect((await store.daily.getDelivery(post('1')))?.status).toBe('retry');
    expect((await slow.tick()).queued).toBe(0);
    expect(await slow.postNow('telegram:1')).toEqual({ status: 'skipped', reason: 'stopped' });
  });
});
