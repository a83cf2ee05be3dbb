/**
 * The scheduler under a fan-out lease (replicas): it sends only while it holds the lease; a replica
 * without it asks again between ticks, and one that takes it over recovers first (an unfinished send of
 * the old holder becomes `unknown`, never repeated) and then posts what is due, without waiting for
 * the next minute.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { memoryAppStore } from '../../src/app/store.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Lease } from '../../src/kernel/lease.ts';
import { Clock, dueNow, RecordingOutbox, withScheduler } from './helpers.ts';

/** A lease this test hands over by hand. */
class HandedLease implements Lease {
  holder = false;
  asked = 0;
  released = 0;
  async held(): Promise<boolean> {
    this.asked++;
    return this.holder;
  }
  async release(): Promise<void> {
    this.released++;
    this.holder = false;
  }
}

let daily: DailyScheduler | undefined;
afterEach(async () => {
  await daily?.stop();
});

it('sends only while holding the lease, takes it over between ticks, and recovers first', async () => {
  const store = memoryAppStore();
  const clock = new Clock('2026-12-02T08:00:00Z');
  await store.daily.putSubscription(dueNow('1'));
  await store.daily.putSubscription(dueNow('2'));
  // The old holder's send to chat 2 was under way when it died.
  await store.daily.insertDelivery({
    chatKey: 'telegram:2',
    slot: '2026-12-02',
    kind: 'post',
    entryId: 'dropout',
    status: 'sending',
    dueAt: clock.t,
    attempts: 1,
    nextAttemptAt: null,
    messageId: null,
    replyTo: null,
    error: null,
    updatedAt: clock.t,
  });
  const lease = new HandedLease();
  // No tick of its own during the test: only the lease watch (every 20 ms) can start one.
  ({ daily } = withScheduler(store, clock, { lease, leaseWatchMs: 20, cron: '0 0 1 1 *' }));
  const outbox = new RecordingOutbox('telegram', clock);
  daily.attach(outbox);
  await daily.start();
  await daily.idle();
  expect(outbox.sent).toEqual([]);
  expect(daily.leading).toBe(false);
  const asked = lease.asked;
  await vi.waitFor(() => expect(lease.asked).toBeGreaterThan(asked + 1), { timeout: 2000, interval: 10 });
  expect(outbox.sent).toEqual([]);

  lease.holder = true;
  await vi.waitFor(() => expect(outbox.sent.map((s) => s.chatId)).toEqual(['1']), { timeout: 5000 });
  expect(daily.leading).toBe(true);
  const interrupted = await store.daily.getDelivery({
    chatKey: 'telegram:2',
    slot: '2026-12-02',
    kind: 'post',
  });
  expect(interrupted?.status).toBe('unknown');

  await daily.stop();
  expect(lease.released).toBe(1);
  daily = undefined;
});
