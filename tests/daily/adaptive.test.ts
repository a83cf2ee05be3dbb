import { describe, expect, it } from 'vitest';
import { memoryAppStore } from '../../src/app/store.ts';
import { pickAdaptive } from '../../src/features/daily/adaptive.ts';
import { chooseNext } from '../../src/features/daily/next.ts';
import { eligibleIds } from '../../src/features/daily/rotation.ts';
import { parseSettings } from '../../src/features/daily/settings.ts';
import type { Delivery } from '../../src/features/daily/store.ts';
import { chatKey, userKey } from '../../src/kernel/identity.ts';
import { Clock, kb, makeServices, seeded, subscription } from './helpers.ts';

const DAY = 86_400_000;
const CATEGORY = 'deep-learning';

function post(chatKey: string, slot: string, entryId: string, dueAt: number): Delivery {
  return {
    chatKey,
    slot,
    kind: 'post',
    entryId,
    status: 'sent',
    dueAt,
    attempts: 1,
    nextAttemptAt: null,
    messageId: '1',
    replyTo: null,
    error: null,
    updatedAt: dueAt,
  };
}

/**
 * 60 days of adaptive posts in one chat: each day's entry is posted and its three members answer it,
 * all wrong for the "hard" half of the category (every other id), all right for the rest.
 */
async function simulate(
  seed: number,
): Promise<{ asked: { entryId: string; day: number }[]; hard: Set<string> }> {
  const store = memoryAppStore();
  const clock = new Clock('2026-01-01T01:00:00Z');
  const services = makeServices(store, clock, seeded(seed));
  const sub = subscription('1', { category: CATEGORY, pick: 'adaptive' });
  await store.daily.putSubscription(sub);
  const hard = new Set(eligibleIds(kb, CATEGORY).filter((_, i) => i % 2 === 0));
  const asked: { entryId: string; day: number }[] = [];
  for (let day = 0; day < 60; day++) {
    const now = clock.t;
    const pick = await chooseNext(services, sub, now);
    if (!pick) throw new Error('nothing eligible');
    expect(pick.rotation).toBeUndefined();
    await store.daily.insertDelivery(post(sub.chatKey, `day${day}`, pick.entryId, now));
    asked.push({ entryId: pick.entryId, day });
    for (const member of ['a', 'b', 'c']) {
      await services.scores.record({
        platform: 'telegram',
        chatKey: chatKey('telegram', '1'),
        userKey: userKey('telegram', member),
        userName: member,
        questionId: `q${day}`,
        entryId: pick.entryId,
        category: CATEGORY,
        item: 0,
        chosen: 0,
        correct: !hard.has(pick.entryId),
        answeredAt: now + 3_600_000,
        timeMs: 3_600_000,
      });
    }
    clock.advance(DAY);
  }
  return { asked, hard };
}

/** Days from each ask to the same entry's next ask (or to the end of the 60 days when it did not return). */
function returnDays(asked: { entryId: string; day: number }[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  asked.forEach((a, i) => {
    const next = asked.slice(i + 1).find((b) => b.entryId === a.entryId);
    const days = (next?.day ?? 60) - a.day;
    out.set(a.entryId, [...(out.get(a.entryId) ?? []), days]);
  });
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('adaptive pick', () => {
  for (const seed of [1, 2, 3]) {
    it(`over 60 days, brings back what the chat answered wrong sooner, never within 14 days (seed ${seed})`, async () => {
      const { asked, hard } = await simulate(seed);
      const gaps = returnDays(asked);
      const hardDays = [...gaps].filter(([id]) => hard.has(id)).flatMap(([, d]) => d);
      const easyDays = [...gaps].filter(([id]) => !hard.has(id)).flatMap(([, d]) => d);
      expect(hardDays.length).toBeGreaterThan(0);
      expect(easyDays.length).toBeGreaterThan(0);
      expect(mean(hardDays)).toBeLessThan(mean(easyDays));
      // Asked more often, too.
      expect(asked.filter((a) => hard.has(a.entryId)).length).toBeGreaterThan(
        asked.filter((a) => !hard.has(a.entryId)).length,
      );
      // No entry repeats within 14 days.
      asked.forEach((a, i) => {
        const next = asked.slice(i + 1).find((b) => b.entryId === a.entryId);
        if (next) expect(next.day - a.day).toBeGreaterThanOrEqual(14);
      });
    });
  }

  it('is deterministic under the injected random source', async () => {
    expect((await simulate(5)).asked).toEqual((await simulate(5)).asked);
    expect((await simulate(5)).asked).not.toEqual((await simulate(6)).asked);
  });

  it('asks the entry posted longest ago when every one was posted within 14 days', () => {
    const now = 20 * DAY;
    const deliveries = ['a', 'b', 'c'].map((id, i) => post('telegram:1', `s${i}`, id, now - (i + 1) * DAY));
    const pick = pickAdaptive({ eligible: ['a', 'b', 'c'], deliveries, answers: [], now, random: seeded(1) });
    expect(pick).toBe('c');
    expect(pickAdaptive({ eligible: [], deliveries, answers: [], now, random: seeded(1) })).toBeNull();
  });

  it('keeps the rotation for subscriptions without a pick, and parses pick:', async () => {
    const store = memoryAppStore();
    const services = makeServices(store, new Clock('2026-01-01T01:00:00Z'));
    expect((await chooseNext(services, subscription('1'), 0))?.rotation?.round).toBe(1);
    const parse = (pick?: string) => parseSettings(pick ? { pick } : {}, { kb, defaultTimezone: 'UTC' });
    expect(parse()).toMatchObject({ settings: { pick: 'rotation' } });
    expect(parse(' Adaptive ')).toMatchObject({ settings: { pick: 'adaptive' } });
    expect(parse('random')).toEqual({ problem: { key: 'daily.badPick', vars: { value: 'random' } } });
  });
});
