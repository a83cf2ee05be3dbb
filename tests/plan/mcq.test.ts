/**
 * /mcq under an interview-date plan: an answered multiple-choice question of a new or due card is a
 * review of it (right: Good, wrong: Again) and counts in the plan's daily load like a /review rating; an
 * answer to a card not yet due reschedules it but does not count.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import { CHOICE_LETTERS } from '../../src/features/knowledge/schema.ts';
import { parseAnswer } from '../../src/features/mcq/asked.ts';
import { ORDERS } from '../../src/features/mcq/order.ts';
import { allButtons, isActionButton, type Reply } from '../../src/kernel/reply.ts';
import type { Origin, Router } from '../../src/kernel/router.ts';

/** 09:00 in Shanghai (the default time zone) on 2026-03-02. */
const start = Date.parse('2026-03-02T01:00:00Z');
const KEY = 'telegram:1';

const me: Origin = {
  platform: 'telegram',
  chat: { id: '1', kind: 'private' },
  user: { id: '1', admin: false },
  locale: 'en',
};

/** The right answer's button of a /mcq reply and the entry it asks about. */
function rightAnswer(router: Router, reply: Reply | null): { action: string; entryId: string } {
  const ids = allButtons(reply ?? {})
    .filter(isActionButton)
    .map((b) => b.action)
    .filter((a) => a.startsWith('mcq:a:'));
  const parsed = parseAnswer(ids[0]?.split(':').slice(2) ?? []);
  if (!parsed) throw new Error(`no answer buttons in ${JSON.stringify(reply)}`);
  const { entryId, item, order } = parsed.asked;
  const answer = router.services.kb.get(entryId)?.choices?.[item]?.answer ?? 'A';
  const right = (ORDERS[order] ?? []).indexOf(CHOICE_LETTERS.indexOf(answer));
  return { action: ids[right] ?? '', entryId };
}

describe('/mcq answers under a plan', () => {
  let router: Router;
  let clock = start;
  beforeEach(async () => {
    clock = start;
    router = await createRouter({ now: () => new Date(clock) });
    await router.invokeText('/plan 2026-03-21', me);
  });

  it('counts an answer to a new card in today’s load, and one to a card not yet due does not', async () => {
    const { store } = router.services;
    const first = rightAnswer(router, await router.invokeText('/mcq', me));
    clock += 60_000;
    await router.press(first.action, me);
    expect((await store.reviews.get(KEY, first.entryId))?.reps).toBe(1);
    expect(await store.plans.get(KEY)).toMatchObject({ done: 1, introduced: 1 });

    // Rated Good a minute ago, the card is not due: answering it again is not a review for the plan.
    expect((await store.reviews.get(KEY, first.entryId))?.lastRating).toBe(3);
    let again: { action: string; entryId: string } | undefined;
    for (let i = 0; i < 400 && again?.entryId !== first.entryId; i++) {
      clock += 1000;
      again = rightAnswer(router, await router.invokeText('/mcq', me));
    }
    expect(again?.entryId).toBe(first.entryId);
    clock += 1000;
    await router.press(again?.action ?? '', me);
    expect(await store.plans.get(KEY)).toMatchObject({ done: 1, introduced: 1 });
  });
});
