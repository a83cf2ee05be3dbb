/**
 * A simulated 30-day interview plan with an injected clock: a person opens /review every morning and rates
 * every card it shows until it says the day is done. Every focus card is seen at least twice before the
 * date, no day exceeds the cap, ratings in the last week use the higher retention, and after the date
 * scheduling is FSRS's normal one.
 */
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import { FINAL_DAYS, RETENTION } from '../../src/features/plan/schedule.ts';
import { MemoryReviews } from '../../src/features/review/memory.ts';
import { rate } from '../../src/features/review/review.ts';
import { allButtons, isActionButton } from '../../src/kernel/reply.ts';
import type { Origin } from '../../src/kernel/router.ts';
import { seeded } from '../support/random.ts';

const DAY = 86_400_000;
/** 09:00 in Shanghai (the default time zone) on 2026-03-02; the interview is 30 days later. */
const start = Date.parse('2026-03-02T01:00:00Z');
const DATE = '2026-04-01';
const DAYS = 30;
const me: Origin = {
  platform: 'telegram',
  chat: { id: '7', kind: 'private' },
  user: { id: '7', admin: false },
  locale: 'zh-CN',
};

/** A grade: always good, or a seeded mix (10% again, 15% hard, 60% good, 15% easy). */
type Rater = () => 1 | 2 | 3 | 4;
const alwaysGood: Rater = () => 3;
function mixed(seed: number): Rater {
  const random = seeded(seed);
  return () => {
    const r = random();
    return r < 0.1 ? 1 : r < 0.25 ? 2 : r < 0.85 ? 3 : 4;
  };
}

async function simulate(rater: Rater, categories: string, cap: number) {
  let clock = start;
  const router = await createRouter({ now: () => new Date(clock) });
  const { reviews } = router.services.store;
  await router.invokeText(`/plan ${DATE} ${categories}`, me);
  await router.invokeText(`/plan cap ${cap}`, me);
  const perDay: number[] = [];
  const seen = new Map<string, number>();
  let retentionChecked = 0;
  let broughtForward = 0;
  for (let day = 0; day < DAYS + 5; day += 1) {
    clock = start + day * DAY;
    let count = 0;
    for (;;) {
      const queue = await router.invokeText('/review', me);
      const reveal = allButtons(queue ?? {})
        .filter(isActionButton)
        .find((b) => b.action.startsWith('review:ans:'));
      if (!reveal) {
        if (day <= DAYS) expect(queue?.body).toMatch(/今天已做满|今天计划里的题都做完了/);
        else expect(queue?.body).not.toMatch(/面试计划/);
        break;
      }
      // The plan runs through the interview day itself; the day after, it no longer picks the cards.
      if (day <= DAYS) expect(queue?.footer).toMatch(/^面试计划 · /);
      else expect(queue?.footer).toMatch(/^今天还有 \d+ 题待复习/);
      const id = reveal.action.slice('review:ans:'.length);
      const before = await reviews.get('telegram:7', id);
      const grade = rater();
      await router.press(`review:rate:${id}:${grade}`, me);
      // The stored schedule is FSRS's at the plan's retention for that day.
      const scratch = new MemoryReviews();
      if (before) await scratch.put(before);
      const retention = day <= DAYS && DAYS - day <= FINAL_DAYS ? RETENTION.final : RETENTION.normal;
      const expected = await rate(scratch, 'telegram:7', id, grade, new Date(clock), { retention });
      const stored = await reviews.get('telegram:7', id);
      if (stored?.due !== expected.due) {
        // Only a card seen once is brought forward, so it is seen again before the date.
        expect(day).toBeLessThan(DAYS);
        expect(stored?.reps).toBe(1);
        expect(stored?.due).toBeLessThan(expected.due);
        expect(stored?.due).toBeLessThan(start + DAYS * DAY);
        broughtForward += 1;
      }
      if (retention === RETENTION.final) retentionChecked += 1;
      if (day < DAYS) seen.set(id, (seen.get(id) ?? 0) + 1);
      count += 1;
      clock += 60_000;
      expect(count).toBeLessThanOrEqual(200);
    }
    perDay.push(count);
  }
  return { router, perDay, seen, retentionChecked, broughtForward };
}

describe('a simulated 30-day interview plan', () => {
  it.each([
    ['always good, every category, cap 30', alwaysGood, '', 30],
    ['a seeded mix, every category, cap 30', mixed(14), '', 30],
    ['a seeded mix, two focus categories, cap 30', mixed(3), 'deep-learning detection', 30],
    ['a seeded mix, two focus categories, cap 12', mixed(5), 'deep-learning detection', 12],
  ])(
    '%s: every focus card twice before the date, never over the cap',
    async (_, rater, categories, cap) => {
      const { router, perDay, seen, retentionChecked, broughtForward } = await simulate(
        rater,
        categories,
        cap,
      );
      const kb = router.services.kb;
      const focus = categories
        ? categories.split(' ').flatMap((c) => kb.inCategory(c).map((e) => e.id))
        : kb.entries.map((e) => e.id);
      const missing = focus.filter((id) => (seen.get(id) ?? 0) < 2);
      expect(missing).toEqual([]);
      expect(Math.max(...perDay.slice(0, DAYS + 1))).toBeLessThanOrEqual(cap);
      // A card rated easy the first time is brought forward; always good never needs it.
      expect(broughtForward > 0).toBe(rater !== alwaysGood);
      // Every day of the plan had something to do, and the last week's ratings were checked.
      expect(perDay.slice(0, DAYS).every((n) => n > 0)).toBe(true);
      expect(retentionChecked).toBeGreaterThan(0);
      // Nothing outside the focus was introduced.
      for (const id of seen.keys()) expect(focus).toContain(id);
    },
    120_000,
  );
});
