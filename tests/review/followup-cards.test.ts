/**
 * Follow-ups (追问) as review cards of their own: the ratings under a follow-up's answer put it into the
 * person's FSRS schedule under `<entry>.<follow-up>`; `/review` serves it when due, with its entry's
 * question as context, and its reveal rates it again. The entry's own card is untouched, an active plan
 * counts a follow-up's rating in its cap but not as a new card, and `/export` includes it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import { openAppStore } from '../../src/app/store.ts';
import { reviewCard } from '../../src/features/knowledge/cards.ts';
import { findFollowUp } from '../../src/features/knowledge/followups.ts';
import type { Entry } from '../../src/features/knowledge/schema.ts';
import { decodeAction, MAX_ACTION_BYTES } from '../../src/kernel/action.ts';
import { message } from '../../src/kernel/i18n.ts';
import { allButtons, isActionButton, type Reply } from '../../src/kernel/reply.ts';
import type { Origin, Router } from '../../src/kernel/router.ts';

const DAY = 86_400_000;
/** 09:00 in Shanghai (the bot's default time zone) on 2026-03-02. */
const start = Date.parse('2026-03-02T01:00:00Z');
const USER = 'telegram:1';

function person(locale: 'zh-CN' | 'en' = 'zh-CN'): Origin {
  return {
    platform: 'telegram',
    chat: { id: '-100', kind: 'group' },
    user: { id: '1', admin: false },
    locale,
  };
}

const actions = (r: Reply | null | undefined) =>
  allButtons(r ?? {})
    .filter(isActionButton)
    .map((b) => b.action);

describe('follow-ups as review cards', () => {
  let router: Router;
  let clock = start;
  let entry: Entry;
  let card: string;
  beforeEach(async () => {
    clock = start;
    router = await createRouter({ now: () => new Date(clock) });
    entry = router.services.kb.get('bn-formula') as Entry;
    card = `bn-formula.${entry.followups?.[0]?.id}`;
  });

  it('offers the four ratings under a follow-up’s answer, as card ids that fit 64 bytes', async () => {
    const revealed = await router.press(`show:fa:${card}`, person());
    const rates = actions(revealed).filter((a) => decodeAction(a)?.verb === 'rate');
    expect(rates).toEqual([1, 2, 3, 4].map((g) => `review:rate:${card}:${g}`));
    expect(allButtons(revealed).map((b) => b.label)).toEqual(
      expect.arrayContaining(['忘了', '模糊', '记得', '简单']),
    );
    // The longest entry id (24) and follow-up id (16) still fit Telegram's callback data.
    expect(Buffer.byteLength(`review:rate:${'e'.repeat(24)}.${'f'.repeat(16)}:4`)).toBeLessThanOrEqual(
      MAX_ACTION_BYTES,
    );
  });

  it('a rated follow-up is its own FSRS card: it comes due, /review shows it under its entry, its reveal rates it', async () => {
    const rated = await router.press(`review:rate:${card}:1`, person());
    expect(rated.body).toMatch(/已记录：忘了。这题 \d+ 分钟后再复习/);
    const { reviews } = router.services.store;
    expect((await reviews.get(USER, card))?.reps).toBe(1);
    // The entry itself was not rated: one card, not two.
    expect(await reviews.get(USER, 'bn-formula')).toBeUndefined();
    expect((await reviews.stats(USER, clock)).total).toBe(1);

    clock = start + DAY;
    const queue = await router.invokeText('/review', person());
    const followup = entry.followups?.[0];
    expect(queue?.private).toBe(true);
    expect(queue?.title).toBe(`复习 · 追问 · 深度学习\n${followup?.q}`);
    expect(queue?.body).toContain(entry.question);
    expect(queue?.footer).toMatch(/今天还有 1 题待复习 · 共学过 1 题/);
    expect(actions(queue)).toEqual([`show:fa:${card}`]);

    const answer = await router.press(`show:fa:${card}`, person());
    expect(answer.body).toContain(followup?.answer.trim().split('\n')[0]);
    const good = actions(answer).find((a) => a === `review:rate:${card}:3`) ?? '';
    const again = await router.press(good, person());
    expect(again.body).toMatch(/已记录：记得/);
    expect((await reviews.get(USER, card))?.reps).toBe(2);
    expect((await reviews.get(USER, card))?.due ?? 0).toBeGreaterThan(clock + 60_000);
    const done = await router.invokeText('/review', person());
    expect(done?.body).toMatch(/今天的复习都完成了/);
  });

  it('serves due entries and due follow-ups alike, most overdue first', async () => {
    await router.press('review:rate:nms:1', person());
    clock += 60_000;
    await router.press(`review:rate:${card}:1`, person());
    clock = start + DAY;
    const first = await router.invokeText('/review', person());
    expect(actions(first)).toEqual(['review:ans:nms']);
    await router.press('review:rate:nms:4', person());
    const second = await router.invokeText('/review', person());
    expect(actions(second)).toEqual([`show:fa:${card}`]);
  });

  it('speaks English to an English reader', async () => {
    await router.press(`review:rate:${card}:1`, person('en'));
    clock = start + DAY;
    const queue = await router.invokeText('/review', person('en'));
    expect(queue?.title).toMatch(/^Review · follow-up · Deep learning\n/);
    expect(queue?.body).toMatch(/^Follow-up 1\/\d+ · on: /);
  });

  it('refuses a stale follow-up or a forged grade and stores nothing', async () => {
    const gone = await router.press('review:rate:bn-formula.gone:3', person());
    expect(gone.body).toBe(message('zh-CN', 'followup.unknown').replace('{id}', 'bn-formula.gone'));
    const forged = await router.press(`review:rate:${card}:9`, person());
    expect(forged.body).toBe(message('zh-CN', 'review.badRating'));
    expect((await router.services.store.reviews.stats(USER, clock)).total).toBe(0);
  });

  it('skips a rated follow-up that left the knowledge base', async () => {
    const { reviews } = router.services.store;
    await reviews.put({
      userKey: USER,
      entryId: 'bn-formula.gone',
      card: '{}',
      due: start,
      reps: 1,
      lastRating: 1,
      updatedAt: start,
    });
    expect(reviewCard((id) => router.services.kb.get(id), 'bn-formula.gone')).toBeUndefined();
    const queue = await router.invokeText('/review', person());
    expect(queue?.body).toMatch(/今天的复习都完成了/);
  });

  it('under a plan: a follow-up’s rating counts in the cap, not as a new card nor in the coverage; due ones are served', async () => {
    await router.invokeText('/plan 2026-03-21', person());
    await router.press(`review:rate:${card}:1`, person());
    const plan = await router.services.store.plans.get(USER);
    expect(plan).toMatchObject({ done: 1, introduced: 0 });
    const status = await router.invokeText('/plan', person());
    expect(status?.body).toContain(`已覆盖 0/${router.services.kb.entries.length}`);
    clock += 30 * 60_000;
    const queue = await router.invokeText('/review', person());
    expect(actions(queue)).toEqual([`show:fa:${card}`]);
    expect(queue?.footer).toMatch(/面试计划/);
  });

  it('/export puts a rated follow-up into the Anki deck and names it in the history', async () => {
    await router.press('review:rate:nms:3', person());
    await router.press(`review:rate:${card}:3`, person());
    const reply = await router.invokeText('/export', person());
    const deck = reply?.files?.find((f) => f.name.endsWith('.txt'))?.content ?? '';
    const notes = deck.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(notes).toHaveLength(2);
    const place = findFollowUp((id) => router.services.kb.get(id), card);
    expect(notes[1]).toMatch(/\tdeep-learning \w+ followup$/);
    expect(notes[1]?.split('\t')[0]).toContain('<hr><small>');
    expect(reply?.body).toMatch(/2/);
    const csv = reply?.files?.find((f) => f.name.endsWith('.csv'))?.content ?? '';
    expect(csv).toContain(`${card},`);
    expect(csv).toContain(place?.followup.q.slice(0, 10));
  });
});

describe('follow-up cards in SQLite', () => {
  it('survive a restart and come due in /review', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkb-followcards-'));
    let clock = start;
    const store = openAppStore(dir);
    const first = await createRouter({ store, now: () => new Date(clock) });
    const entry = first.services.kb.get('nms') as Entry;
    const card = `nms.${entry.followups?.[0]?.id}`;
    await first.press(`review:rate:${card}:2`, person());
    await store.close();
    const reopened = openAppStore(dir);
    const second = await createRouter({ store: reopened, now: () => new Date(clock) });
    expect((await reopened.reviews.get(USER, card))?.lastRating).toBe(2);
    clock = start + DAY;
    expect(actions(await second.invokeText('/review', person()))).toEqual([`show:fa:${card}`]);
    await reopened.close();
  });
});
