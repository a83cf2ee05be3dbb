import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from '../../src/app/router.ts';
import { memoryAppStore } from '../../src/app/store.ts';
import { dueDigest, nextDigestAt, parseDigest } from '../../src/features/daily/digest-times.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import type { Command } from '../../src/kernel/command.ts';
import { chatKey, userKey } from '../../src/kernel/identity.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import { isActionButton } from '../../src/kernel/reply.ts';
import { Clock, kb, RecordingOutbox, restartable, subscription, withScheduler } from './helpers.ts';

// 2025-06-01 is a Sunday; 20:00 in Asia/Shanghai is 12:00 UTC.
const SUNDAY_8PM = '2025-06-01T12:00:00Z';
const HOUR = 3_600_000;

const [first, second] = kb.categories;
const entryA = kb.inCategory(first?.id ?? '')[0];
const entryB = kb.inCategory(second?.id ?? '')[0];

async function answer(
  store: Store,
  o: { who: string; entry: typeof entryA; correct: boolean; at: number; q?: string },
) {
  if (!o.entry) throw new Error('no entry');
  await store.answers.record({
    platform: 'telegram',
    chatKey: chatKey('telegram', '1'),
    userKey: userKey('telegram', o.who),
    userName: o.who,
    questionId: o.q ?? `q-${o.entry.id}`,
    entryId: o.entry.id,
    category: o.entry.category,
    item: 0,
    chosen: 0,
    correct: o.correct,
    answeredAt: o.at,
    timeMs: 1000,
  });
}

describe('digest times', () => {
  it('reads a weekday and a time in both languages, and off', () => {
    expect(parseDigest('sun 20:00')).toBe('sun 20:00');
    expect(parseDigest('Sunday-9:30')).toBe('sun 09:30');
    expect(parseDigest('周五@18')).toBe('fri 18:00');
    expect(parseDigest('星期日')).toBe('sun 20:00');
    expect(parseDigest('1')).toBe('mon 20:00');
    expect(parseDigest('off')).toBe('off');
    for (const bad of ['someday', 'sun 25:00', '8', '周八', 'sun 20:00 extra'])
      expect(parseDigest(bad)).toBeNull();
  });

  it('is due from its time on its own local day only, and the next one is a week later', () => {
    const sub = subscription('1', { digest: 'sun 20:00' });
    const at = Date.parse(SUNDAY_8PM);
    expect(dueDigest(sub, at - 60_000)).toBeNull();
    expect(dueDigest(sub, at)).toEqual({ week: '2025-05-26', at });
    expect(dueDigest(sub, at + 3 * HOUR)).toEqual({ week: '2025-05-26', at });
    expect(dueDigest(sub, at + 5 * HOUR)).toBeNull(); // Monday 01:00 local: the day is over
    expect(dueDigest(subscription('1'), at)).toBeNull();
    expect(nextDigestAt(sub, at - HOUR, false)).toBe(at);
    expect(nextDigestAt(sub, at + HOUR, true)).toBe(at + 7 * 24 * HOUR);
  });
});

describe('the weekly digest', () => {
  let clock: Clock;
  let store: Store;
  let daily: DailyScheduler;
  let outbox: RecordingOutbox;

  beforeEach(() => {
    clock = new Clock(SUNDAY_8PM);
    store = memoryAppStore();
    ({ daily } = withScheduler(store, clock));
    outbox = new RecordingOutbox('telegram', clock);
    daily.attach(outbox);
  });
  afterEach(() => daily.stop());

  it('lists the week’s questions with their share, the weakest categories to practise, and the top 3 as text', async () => {
    // The daily post is not due on Sunday at 20:00 (09:00 went by before the subscription started).
    const at = Date.parse(SUNDAY_8PM);
    await store.daily.putSubscription(
      subscription('1', { digest: 'sun 20:00', locale: 'en', activeFrom: at - HOUR }),
    );
    const names = ['<b>Ann</b>', '@everyone', 'Bo', 'Cy'];
    for (const [i, who] of names.entries()) {
      await answer(store, { who, entry: entryA, correct: i !== 3, at: at - 2 * HOUR });
      await answer(store, { who, entry: entryB, correct: false, at: at - 2 * HOUR });
    }
    await answer(store, { who: 'Old', entry: entryA, correct: true, at: at - 10 * 24 * HOUR, q: 'old' });
    const report = await daily.tick();
    expect(report.outcomes).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(outbox.sent).toHaveLength(1);
    const digest = outbox.sent[0]?.reply;
    expect(digest?.title).toMatch(/2025-05-25 – 2025-06-01/);
    expect(digest?.body).toContain('4 answered, 75 % right');
    expect(digest?.body).toContain('4 answered, 0 % right');
    // The top 3 by name, escaped as text; the fourth and the answer before the week are not named.
    const top = digest?.body?.split('This week’s top 3**')[1] ?? '';
    expect(top.split('\n').filter(Boolean)).toHaveLength(3);
    expect(top).not.toContain('Old');
    // Names are text: the adapters escape them for their platform (and Discord allows no mention).
    expect(top).toContain('<b>Ann</b>');
    // The weakest category first, each a /quiz of that category.
    const actions = (digest?.buttons ?? [])
      .flat()
      .filter(isActionButton)
      .map((b) => b.action);
    expect(actions).toEqual([`quiz:next:${entryB?.category}`, `quiz:next:${entryA?.category}`]);
    // Sent once: later ticks the same week do nothing.
    clock.advance(HOUR);
    await daily.tick();
    expect(outbox.sent).toHaveLength(1);
    expect(
      await store.daily.getDelivery({ chatKey: 'telegram:1', slot: '2025-05-26', kind: 'digest' }),
    ).toMatchObject({
      status: 'sent',
      messageId: outbox.sent[0]?.id,
    });
  });

  it('is sent only with the option, and a chat without one gets none', async () => {
    await store.daily.putSubscription(subscription('1', { activeFrom: Date.parse(SUNDAY_8PM) - HOUR }));
    await daily.tick();
    expect(outbox.sent).toHaveLength(0);
  });
});

describe('the weekly digest across restarts (SQLite)', () => {
  const { boot, down } = restartable();

  it('is sent exactly once: not again after a restart, and never after a crash mid-send', async () => {
    const clock = new Clock(SUNDAY_8PM);
    const from = Date.parse(SUNDAY_8PM) - HOUR;
    const a = boot(clock);
    // Daily posts at 23:00, so only digests are due at 20:00.
    const over = { digest: 'sun 20:00', time: '23:00', activeFrom: from };
    await a.store.daily.putSubscription(subscription('1', over));
    await a.store.daily.putSubscription(subscription('2', over));
    a.outbox.fail = (chatId) => (chatId === '2' ? 'hang' : undefined);
    void a.daily.tick();
    await vi.waitFor(() => expect(a.outbox.attempts).toBe(2));
    expect(a.outbox.to('1')).toHaveLength(1);
    await down(a); // chat 2's send never settled: the process "died" mid-send

    clock.advance(30 * 60_000);
    const b = boot(clock);
    await b.daily.start();
    await b.daily.idle();
    expect(b.outbox.sent).toHaveLength(0);
    expect(
      (await b.store.daily.getDelivery({ chatKey: 'telegram:2', slot: '2025-05-26', kind: 'digest' }))
        ?.status,
    ).toBe('unknown');
    expect(
      (await b.store.daily.getDelivery({ chatKey: 'telegram:1', slot: '2025-05-26', kind: 'digest' }))
        ?.status,
    ).toBe('sent');
    await down(b);

    // The next Sunday both chats get their digest again, once each.
    clock.advance(7 * 24 * HOUR - 30 * 60_000);
    const c = boot(clock);
    await c.daily.start();
    await c.daily.idle();
    await c.daily.tick();
    expect(c.outbox.sent.map((s) => s.chatId).sort()).toEqual(['1', '2']);
  });
});

describe('/daily subscribe digest: and /daily status', () => {
  let commands: Command[];
  beforeAll(async () => {
    commands = await loadCommands();
  });

  it('turns the digest on and off, refuses a bad value, and shows it in the status', async () => {
    const clock = new Clock('2025-06-01T00:30:00Z');
    const store = memoryAppStore();
    const { services, daily } = withScheduler(store, clock);
    daily.attach(new RecordingOutbox('telegram', clock));
    const router = new Router(commands, services);
    const o = {
      platform: 'telegram' as const,
      chat: { id: '-42', kind: 'group' as const },
      user: { id: 'u1', admin: true },
      locale: 'en' as const,
    };
    const bad = await router.invokeText('/daily subscribe digest:someday', o);
    expect(bad?.body).toMatch(/"someday" is not a digest time/);
    expect(await store.daily.listSubscriptions()).toEqual([]);

    await router.invokeText('/daily subscribe 09:00 digest:sun-20:00', o);
    expect((await store.daily.getSubscription('telegram:-42'))?.digest).toBe('sun 20:00');
    const status = await router.invokeText('/daily status', o);
    expect(status?.body).toContain('every Sunday at **20:00** (Asia/Shanghai), next 2025-06-01 20:00');

    await router.invokeText('/daily subscribe 09:00 digest:off', o);
    expect((await store.daily.getSubscription('telegram:-42'))?.digest).toBeNull();
    expect((await router.invokeText('/daily status', o))?.body).toMatch(/Weekly digest:\*\* off/);
    await daily.stop();
  });
});
