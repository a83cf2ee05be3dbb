import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryAppStore } from '../../src/app/store.ts';
import {
  createDailyScheduler,
  DailyConfigError,
  type DailyScheduler,
} from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import { isActionButton } from '../../src/kernel/reply.ts';
import { Clock, makeServices, RecordingOutbox, restartable, subscription, withScheduler } from './helpers.ts';

// 09:00 in Asia/Shanghai is 01:00 UTC.
const NINE = '2025-06-01T01:00:00Z';

describe('daily scheduler', () => {
  let clock: Clock;
  let store: Store;
  let daily: DailyScheduler;
  let outbox: RecordingOutbox;

  beforeEach(() => {
    clock = new Clock('2025-06-01T00:00:00Z');
    store = memoryAppStore();
    ({ daily } = withScheduler(store, clock));
    outbox = new RecordingOutbox('telegram', clock);
    daily.attach(outbox);
  });
  afterEach(() => daily.stop());

  it('posts at the local time, once, with a private answer button, in the chat’s language', async () => {
    await store.daily.putSubscription(subscription('1', { locale: 'en' }));
    clock.set('2025-06-01T00:59:00Z');
    expect((await daily.tick()).queued).toBe(0);
    clock.set(NINE);
    await daily.tick();
    clock.advance(60_000);
    await daily.tick();
    expect(outbox.sent).toHaveLength(1);
    const [post] = outbox.sent;
    expect(post?.locale).toBe('en');
    expect(post?.reply.title).toMatch(/^📅 Daily question · 2025-06-01\n/);
    const button = post?.reply.buttons?.[0]?.[0];
    expect(button && isActionButton(button) && button).toMatchObject({ private: true });
    expect(button && isActionButton(button) && button.action).toMatch(/^daily:ans:[a-z0-9-]+$/);
    expect(post?.reply.footer).toContain('17:00');
  });

  it('uses DLKB_TIMEZONE for new subscriptions, else Asia/Shanghai, and rejects a bad one', () => {
    const services = makeServices(store, clock);
    expect(createDailyScheduler({ services, log: services.log }).defaultTimezone).toBe('Asia/Shanghai');
    const berlin = createDailyScheduler({ services, log: services.log, defaultTimezone: 'europe/berlin' });
    expect(berlin.defaultTimezone).toBe('Europe/Berlin');
    expect(() =>
      createDailyScheduler({ services, log: services.log, defaultTimezone: 'Mars/Olympus' }),
    ).toThrow(DailyConfigError);
  });

  it('reveals the answer as a reply to the question after reveal_after hours, once', async () => {
    await store.daily.putSubscription(subscription('1'));
    await store.daily.putSubscription(subscription('2', { revealAfterHours: 0 }));
    clock.set(NINE);
    await daily.tick();
    const question = outbox.to('1')[0];
    clock.set('2025-06-01T08:59:00Z');
    await daily.tick();
    expect(outbox.sent).toHaveLength(2);
    clock.set('2025-06-01T09:00:00Z');
    await daily.tick();
    await daily.tick();
    const reveals = outbox.sent.slice(2);
    expect(reveals).toHaveLength(1);
    expect(reveals[0]).toMatchObject({ chatId: '1', replyTo: question?.id });
    expect(reveals[0]?.reply.title).toMatch(/^✅ 每日一题 · 参考答案\n/);
    expect(reveals[0]?.reply.links?.length).toBeGreaterThan(0);
    expect(reveals[0]?.reply.title?.split('\n')[1]).toBe(question?.reply.title?.split('\n')[1]);
  });

  it('does not post for a platform without an outbox until one is attached', async () => {
    await store.daily.putSubscription(subscription('9', { platform: 'discord' }));
    clock.set(NINE);
    await daily.tick();
    expect((await store.daily.chatsWithDelivery('post', '2025-06-01')).size).toBe(0);
    const discord = new RecordingOutbox('discord', clock);
    daily.attach(discord);
    await daily.tick();
    expect(discord.sent).toHaveLength(1);
  });

  it('posts on demand without using up today’s slot', async () => {
    await store.daily.putSubscription(subscription('1', { revealAfterHours: 0 }));
    const now = await daily.postNow('telegram:1');
    expect(now.status).toBe('sent');
    clock.set(NINE);
    await daily.tick();
    expect(outbox.sent).toHaveLength(2);
    expect(outbox.sent[0]?.reply.title).not.toBe(outbox.sent[1]?.reply.title);
    expect(await daily.postNow('telegram:404')).toEqual({ status: 'skipped', reason: 'not-subscribed' });
  });
});

describe('daily scheduler across restarts (SQLite)', () => {
  const { boot, down } = restartable();

  it('never posts twice, and a send interrupted by a crash is marked unknown, not repeated', async () => {
    const clock = new Clock(NINE);
    const a = boot(clock);
    await a.store.daily.putSubscription(subscription('1'));
    await a.store.daily.putSubscription(subscription('2'));
    a.outbox.fail = (chatId) => (chatId === '2' ? 'hang' : undefined);
    void a.daily.tick();
    await vi.waitFor(() => expect(a.outbox.attempts).toBe(2));
    // The process dies: the database is closed under the running send.
    await a.store.close();

    clock.advance(5 * 60_000);
    const b = boot(clock);
    await b.daily.start();
    await b.daily.idle();
    expect(b.outbox.sent).toHaveLength(0);
    expect(
      (await b.store.daily.getDelivery({ chatKey: 'telegram:1', slot: '2025-06-01', kind: 'post' }))?.status,
    ).toBe('sent');
    expect(
      (await b.store.daily.getDelivery({ chatKey: 'telegram:2', slot: '2025-06-01', kind: 'post' }))?.status,
    ).toBe('unknown');
    // The reveal of the delivered post still comes.
    clock.set('2025-06-01T09:00:00Z');
    await b.daily.tick();
    expect(b.outbox.sent.map((s) => s.chatId)).toEqual(['1']);
  });

  it('keeps the rotation across restarts: no repeat within a round', async () => {
    const clock = new Clock(NINE);
    const asked: string[] = [];
    for (let day = 0; day < 12; day++) {
      const run = boot(clock);
      if (day === 0) await run.store.daily.putSubscription(subscription('1', { revealAfterHours: 0 }));
      await run.daily.tick();
      asked.push(...run.outbox.sent.map((s) => s.reply.body ?? ''));
      await down(run);
      clock.advance(86_400_000);
    }
    expect(asked).toHaveLength(12);
    expect(new Set(asked).size).toBe(12);
    const last = boot(clock);
    expect((await last.store.daily.getRotation('telegram:1'))?.position).toBe(12);
  });

  it('catches up a post missed while down the same local day, not once the day is over', async () => {
    const clock = new Clock('2025-06-01T05:00:00Z'); // 13:00 in Shanghai
    const a = boot(clock);
    await a.store.daily.putSubscription(subscription('1', { revealAfterHours: 2 }));
    await a.daily.start();
    await a.daily.idle();
    expect(a.outbox.sent).toHaveLength(1);
    await down(a);

    // Down from 13:00 to 00:30 the next day: the reveal's day is over, and so is any post of that day.
    clock.set('2025-06-01T16:30:00Z');
    const b = boot(clock);
    await b.store.daily.putSubscription(subscription('2'));
    await b.daily.start();
    await b.daily.idle();
    expect(b.outbox.sent).toHaveLength(0);
    const reveal = await b.store.daily.getDelivery({
      chatKey: 'telegram:1',
      slot: '2025-06-01',
      kind: 'reveal',
    });
    expect(reveal?.status).toBe('skipped');
  });

  it('sends a reveal missed while down when its day has not ended', async () => {
    const clock = new Clock(NINE);
    const a = boot(clock);
    await a.store.daily.putSubscription(subscription('1'));
    await a.daily.tick();
    await down(a);
    clock.set('2025-06-01T12:00:00Z'); // 20:00 local, the reveal was due at 17:00
    const b = boot(clock);
    await b.daily.start();
    await b.daily.idle();
    expect(b.outbox.sent).toHaveLength(1);
    expect(b.outbox.sent[0]?.replyTo).toBeDefined();
  });
});
