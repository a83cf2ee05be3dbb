/** Grading by key points through the router: open, toggle in place, Done rates like the one-tap buttons. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import { keyPoints } from '../../src/features/review/grade.ts';
import { translator } from '../../src/kernel/i18n.ts';
import { userKey } from '../../src/kernel/identity.ts';
import { type ActionButton, allButtons, isActionButton, type Reply } from '../../src/kernel/reply.ts';
import type { Origin, Router } from '../../src/kernel/router.ts';

const zh = translator('zh-CN');
const en = translator('en');

function person(o: { id?: string; locale?: 'zh-CN' | 'en' } = {}): Origin {
  return {
    platform: 'telegram',
    chat: { id: '-100', kind: 'group' },
    user: { id: o.id ?? '1', admin: false },
    locale: o.locale ?? 'zh-CN',
  };
}

const actions = (reply: Reply): ActionButton[] => allButtons(reply).filter(isActionButton);
const toggles = (reply: Reply) => actions(reply).filter((b) => b.checked !== undefined);
const done = (reply: Reply) => actions(reply).find((b) => b.action.startsWith('review:ptsok:'));

describe('grading by key points', () => {
  let router: Router;
  let clock = Date.parse('2026-03-02T08:00:00Z');
  beforeEach(async () => {
    clock = Date.parse('2026-03-02T08:00:00Z');
    router = await createRouter({ now: () => new Date(clock) });
  });

  it('every reveal (flashcard and review queue) keeps the ratings and adds a private grading button', async () => {
    for (const reveal of ['show:ans:nms', 'review:ans:nms']) {
      const answer = await router.press(reveal, person());
      const grade = actions(answer).find((b) => b.action === 'review:pts:nms');
      expect(grade, reveal).toMatchObject({ label: zh.plain('points.open'), private: true });
      expect(actions(answer).filter((b) => b.action.startsWith('review:rate:nms:'))).toHaveLength(4);
    }
  });

  it('opens one toggle per key point, must-say ones starred, privately and as a new message', async () => {
    const entry = router.services.kb.get('nms');
    if (!entry) throw new Error('nms is in the knowledge base');
    const points = keyPoints(entry);
    const reply = await router.press('review:pts:nms', person());
    expect(reply.private).toBe(true);
    expect(reply.edit).toBe(false);
    expect(toggles(reply).map((b) => b.label)).toEqual(
      points.map((p) => `⬜ ${p.text}${p.must ? ' ★' : ''}`),
    );
    expect(toggles(reply).every((b) => b.checked === false)).toBe(true);
    expect(done(reply)?.action).toBe('review:ptsok:nms:0');
    const must = points.filter((p) => p.must).length;
    expect(reply.body).toContain(
      zh('points.progress', { recalled: 0, must, grade: zh.plain('review.grade.again') }),
    );
  });

  it('a toggle edits the message: the state travels in the ids, pressing again unticks', async () => {
    const open = await router.press('review:pts:nms', person());
    const first = toggles(open)[0];
    if (!first) throw new Error('a toggle');
    const ticked = await router.press(first.action, person());
    expect(ticked.edit).toBe(true);
    expect(toggles(ticked)[0]).toMatchObject({ checked: true, style: 'success' });
    expect(toggles(ticked)[0]?.label.startsWith('✅')).toBe(true);
    expect(done(ticked)?.action).toBe('review:ptsok:nms:1');
    const again = await router.press(toggles(ticked)[0]?.action ?? '', person());
    expect(toggles(again)[0]?.checked).toBe(false);
    expect(done(again)?.action).toBe('review:ptsok:nms:0');
  });

  it('Done rates by the rule into the same FSRS schedule and marks the day active', async () => {
    const entry = router.services.kb.get('nms');
    if (!entry) throw new Error('nms is in the knowledge base');
    const points = keyPoints(entry);
    // Tick every must-say point only: Good (3), unless the entry has no other points (then Easy).
    let reply = await router.press('review:pts:nms', person());
    for (const [i, p] of points.entries()) {
      if (!p.must) continue;
      reply = await router.press(toggles(reply)[i]?.action ?? '', person());
    }
    const result = await router.press(done(reply)?.action ?? '', person());
    const expected = points.every((p) => p.must) ? 4 : 3;
    expect(result.edit).toBe(true);
    expect(result.private).toBe(true);
    const must = points.filter((p) => p.must).length;
    expect(result.body).toContain(zh('points.summary', { recalled: must, must }));
    const record = await router.services.store.reviews.get('telegram:1', 'nms');
    expect(record?.lastRating).toBe(expected);
    expect(record?.reps).toBe(1);
    expect(await router.services.scores.activeDays(userKey('telegram', '1'))).toEqual(['2026-03-02']);
    // The one-tap rating takes the same path: a second review adds to the same record.
    await router.press('review:rate:nms:1', person());
    expect((await router.services.store.reviews.get('telegram:1', 'nms'))?.reps).toBe(2);
  });

  it('Done with nothing ticked is Again, and names the must-say points missed (English)', async () => {
    const result = await router.press('review:ptsok:nms:0', person({ locale: 'en' }));
    expect(result.body).toMatch(/Graded by key points: 0\/\d must-say points recalled\./);
    expect(result.body).toContain('Must-say points missed: **');
    expect(result.body).toContain('Saved: Again.');
    expect((await router.services.store.reviews.get('telegram:1', 'nms'))?.lastRating).toBe(1);
  });

  it('a forged or stale mask gets a clear message in both locales and rates nothing', async () => {
    for (const id of [
      'review:tick:nms:zz',
      'review:ptsok:nms:ff0',
      'review:ptsok:nms',
      'review:tick:nms:ff',
    ]) {
      expect((await router.press(id, person())).body, id).toBe(zh('points.bad'));
      expect((await router.press(id, person({ locale: 'en' }))).body, id).toBe(en('points.bad'));
    }
    expect(await router.services.store.reviews.get('telegram:1', 'nms')).toBeUndefined();
  });

  it('every grading id fits in 64 bytes: the entry with the most points, the longest id, all ticked', async () => {
    const { entries } = router.services.kb;
    const most = entries.reduce((a, b) => (keyPoints(b).length > keyPoints(a).length ? b : a));
    const longest = entries.reduce((a, b) => (b.id.length > a.id.length ? b : a));
    for (const entry of [most, longest]) {
      const all = (1 << keyPoints(entry).length) - 1;
      const reply = await router.press(`review:tick:${entry.id}:${all.toString(16)}`, person());
      expect(toggles(reply).every((b) => b.checked)).toBe(true);
      for (const b of actions(reply)) expect(Buffer.byteLength(b.action), b.action).toBeLessThanOrEqual(64);
      expect(reply.buttons?.length).toBeLessThanOrEqual(5);
    }
    expect(keyPoints(most).length).toBe(8);
  });

  it('/stats shows the five key points missed most, each a button to its answer; forget deletes them', async () => {
    const kb = router.services.kb;
    const nms = kb.get('nms');
    if (!nms) throw new Error('nms is in the knowledge base');
    const points = keyPoints(nms);
    const stats = () => router.invoke({ name: 'stats', options: {} }, person());
    expect((await stats()).body).not.toContain(zh('points.weakTitle'));
    // nms: nothing ticked, twice; then every point but the first. The first point is missed most.
    await router.press('review:ptsok:nms:0', person());
    await router.press('review:ptsok:nms:0', person());
    const allButFirst = ((1 << points.length) - 2).toString(16);
    await router.press(`review:ptsok:nms:${allButFirst}`, person());
    // Another entry, all missed once: its points come after nms's.
    await router.press('review:ptsok:gil:0', person());
    const reply = await stats();
    expect(reply.body).toContain(zh('points.weakTitle'));
    expect(reply.body).toContain(
      zh('points.weakLine', {
        n: 1,
        point: points[0]?.text ?? '',
        question: nms.question,
        missed: 3,
        seen: 3,
      }),
    );
    const row = reply.buttons?.at(-1) ?? [];
    expect(row).toHaveLength(5);
    expect(row[0]).toMatchObject({ label: `1. ${points[0]?.text}`, action: 'show:ans:nms' });
    // Only must-say points are tracked: nms's come first (missed more), then gil's.
    const must = points.filter((p) => p.must);
    expect(row.filter((b) => isActionButton(b) && b.action === 'show:ans:nms')).toHaveLength(must.length);
    expect(row.some((b) => isActionButton(b) && b.action === 'show:ans:gil')).toBe(must.length < 5);
    // English, and another person sees nothing of it.
    const english = await router.invoke({ name: 'stats', options: {} }, person({ locale: 'en' }));
    expect(english.body).toContain(en('points.weakTitle'));
    const other = await router.invoke({ name: 'stats', options: {} }, person({ id: '2' }));
    expect(other.body).not.toContain(zh('points.weakTitle'));
    // /stats forget deletes the tallies with everything else.
    await router.press('stats:forget', person());
    expect((await stats()).body).not.toContain(zh('points.weakTitle'));
  });
});
