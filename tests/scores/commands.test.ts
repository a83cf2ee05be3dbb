/** /top, /stats and /stats forget through the router, over the in-memory stores. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import type { AnswerRecord } from '../../src/features/scores/answer.ts';
import type { Locale } from '../../src/kernel/i18n.ts';
import { chatKey, userKey } from '../../src/kernel/identity.ts';
import { allButtons, isActionButton } from '../../src/kernel/reply.ts';
import type { Origin, Router } from '../../src/kernel/router.ts';
import { answer } from '../store/contract/answers.ts';

const GROUP = chatKey('telegram', '-100');
// Wednesday 2026-03-04 12:00 in Shanghai (the default zone): this week began Monday 2026-03-02.
const NOW = Date.parse('2026-03-04T04:00:00Z');
const LAST_WEEK = Date.parse('2026-02-27T04:00:00Z');

function person(id: string, o: { locale?: Locale; kind?: 'group' | 'private' } = {}): Origin {
  return {
    platform: 'telegram',
    chat: { id: o.kind === 'private' ? id : '-100', kind: o.kind ?? 'group' },
    user: { id, admin: false },
    locale: o.locale ?? 'en',
  };
}

let n = 0;
/** An answer of person `id` in the group, to a fresh question. */
function by(id: string, over: Partial<AnswerRecord> = {}): AnswerRecord {
  n += 1;
  return answer({
    chatKey: GROUP,
    userKey: userKey('telegram', id),
    userName: `Player ${id}`,
    questionId: `q${n}`,
    answeredAt: NOW - 3_600_000,
    ...over,
  });
}

const actions = (reply: Parameters<typeof allButtons>[0]) =>
  allButtons(reply)
    .filter(isActionButton)
    .map((b) => b.action);

describe('/top', () => {
  let router: Router;
  beforeEach(async () => {
    router = await createRouter({ now: () => new Date(NOW) });
  });

  it('ranks this week by correct answers, then accuracy, then time, with names from the answers', async () => {
    const s = router.services.scores;
    for (const r of [by('1'), by('1'), by('1', { correct: false })]) await s.record(r); // 2 right of 3
    for (const r of [by('2'), by('2')]) await s.record(r); // 2 right of 2: higher accuracy
    for (const r of [by('3', { timeMs: 500 }), by('3', { timeMs: 500 })]) await s.record(r); // same, faster
    await s.record(by('4', { answeredAt: LAST_WEEK })); // not this week
    const reply = await router.invokeText('/top', person('1'));
    const lines = reply?.body?.split('\n') ?? [];
    expect(lines[0]).toMatch(/^🥇 Player 3 — 2\/2 right · 100% · 1\.0 s$/);
    expect(lines[1]).toMatch(/^🥈 Player 2 — 2\/2 right · 100% · 2\.0 s$/);
    expect(lines[2]).toMatch(/^🥉 Player 1 — 2\/3 right · 67% · 3\.0 s$/);
    expect(reply?.body).not.toContain('Player 4');
    expect(reply?.title).toBe('Leaderboard · this week');
    expect(reply?.footer).toBe('Since 2026-03-02 (Asia/Shanghai)');
    expect(reply?.private).toBeFalsy();
    const all = await router.invokeText('/top all', person('1'));
    expect(all?.body).toContain('Player 4');
  });

  it('shows the asker’s own rank when they are not in the top 10', async () => {
    for (let i = 1; i <= 12; i++)
      for (let k = 0; k < 13 - i; k++) await router.services.scores.record(by(String(i)));
    const reply = await router.invokeText('/top week', person('12'));
    const lines = reply?.body?.split('\n') ?? [];
    expect(lines.filter((l) => /^(🥇|🥈|🥉|#\d+) /.test(l))).toHaveLength(10);
    expect(lines.at(-1)).toBe('You: #12 — 1/1 right · 100% · 1.0 s');
    const inTop = await router.invokeText('/top', person('2'));
    expect(inTop?.body).not.toContain('You:');
    const stranger = await router.invokeText('/top', person('99', { locale: 'zh-CN' }));
    expect(stranger?.body).toContain('你在这段时间还没有在这里答题');
  });

  it('filters by category and month, and escapes names (no markup, no mentions)', async () => {
    const s = router.services.scores;
    await s.record(by('1', { category: 'python', userName: '*Bold* [x](https://e.com) @everyone' }));
    await s.record(by('2', { category: 'detection', answeredAt: Date.parse('2026-03-01T00:00:00Z') }));
    const python = await router.invokeText('/top month python', person('1'));
    expect(python?.title).toBe('Leaderboard · this month · Python');
    expect(python?.body).toContain('\\*Bold\\* \\[x\\](https://e.com) @everyone');
    expect(python?.body).not.toContain('Player 2');
    const month = await router.invokeText('/top month', person('1'));
    expect(month?.body).toContain('Player 2');
  });

  it('says so when nobody answered in the window', async () => {
    const reply = await router.invokeText('/top', person('1', { locale: 'zh-CN' }));
    expect(reply?.title).toBe('排行榜 · 本周');
    expect(reply?.body).toContain('这段时间这里还没有人答题');
  });
});

describe('/stats', () => {
  let router: Router;
  let clock = NOW;
  beforeEach(async () => {
    clock = NOW;
    router = await createRouter({ now: () => new Date(clock) });
  });

  it('is private, and reopens in a private chat from a group', async () => {
    const reply = await router.invokeText('/stats', person('1'));
    expect(reply?.private).toBe(true);
    expect(reply?.reopen).toBe('stats:show');
    expect(router.isReadOnlyAction('stats:show')).toBe(true);
    expect(reply?.body).toContain('No multiple-choice answers yet');
    const again = await router.press('stats:show', person('1', { kind: 'private' }));
    expect(again.title).toBe('Your stats');
  });

  it('shows accuracy per category with bars, the streak, reviews due and the weakest three to practise', async () => {
    const s = router.services.scores;
    const day = 86_400_000;
    await s.record(by('1', { category: 'python', answeredAt: NOW - 2 * day }));
    await s.record(by('1', { category: 'python', correct: false, answeredAt: NOW - day }));
    await s.record(by('1', { category: 'detection', correct: false }));
    await s.record(by('1', { category: 'pytorch' }));
    await s.record(by('1', { category: 'nlp' }));
    await s.record(by('2', { category: 'nlp', correct: false }));
    await router.press('review:rate:nms:1', person('1')); // "again": due within minutes
    const reply = await router.invokeText('/stats', person('1'));
    const body = reply?.body ?? '';
    expect(body).toContain('5 answered · 3 right · 60% accuracy');
    expect(body).toContain('`█████░░░░░  50%` Python (1/2)');
    expect(body).toContain('`░░░░░░░░░░   0%` Detection & segmentation (0/1)');
    expect(body).toContain('🔥 Streak: 3 days · longest 3');
    expect(body).toContain('Today counts already.');
    expect(body).toContain('Reviews: 0 due now · 1 more due later today');
    expect(actions(reply ?? {})).toEqual(['quiz:next:detection', 'quiz:next:python', 'quiz:next:nlp']);
    const practise = await router.press('quiz:next:detection', person('1'));
    expect(practise.title).toMatch(/^Quiz · Detection & segmentation/);
  });

  it('shows a freeze when one day was missed this week', async () => {
    const day = 86_400_000;
    await router.services.scores.record(by('1', { answeredAt: NOW - 2 * day }));
    await router.services.scores.record(by('1', { answeredAt: NOW }));
    const reply = await router.invokeText('/stats', person('1', { locale: 'zh-CN' }));
    expect(reply?.body).toContain('🔥 连续学习 2 天 · 最长 2 天');
    expect(reply?.body).toContain('❄️ 冻结：2026-03-03');
  });
});

describe('/stats forget', () => {
  it('asks first, then deletes the person’s answers, reviews and streak days on this platform only', async () => {
    const router = await createRouter({ now: () => new Date(NOW) });
    const s = router.services.scores;
    await s.record(by('1'));
    await s.record(by('1', { chatKey: chatKey('telegram', '-200') }));
    await s.record(by('2'));
    await router.press('review:rate:nms:3', person('1'));
    await router.press('review:rate:nms:3', person('2'));
    const ask = await router.invokeText('/stats forget', person('1'));
    expect(ask?.private).toBe(true);
    expect(ask?.body).toContain('Delete all your records on this platform?');
    expect(actions(ask ?? {})).toEqual(['stats:forget']);
    expect(router.isReadOnlyAction('stats:forget')).toBe(false);
    expect(router.isReadOnlyAction('stats:ask')).toBe(true);
    expect(ask?.reopen).toBe('stats:ask');
    expect(await s.categories(userKey('telegram', '1'))).not.toEqual([]);

    const done = await router.press('stats:forget', person('1'));
    expect(done.body).toBe('Your records are deleted (4).');
    const me = userKey('telegram', '1');
    expect(await s.categories(me)).toEqual([]);
    expect(await s.activeDays(me)).toEqual([]);
    expect(await router.services.store.reviews.get(me, 'nms')).toBeUndefined();
    expect(await router.services.store.reviews.get('telegram:2', 'nms')).toBeDefined();
    expect((await s.answersIn(GROUP)).map((a) => a.userKey)).toEqual(['telegram:2']);
    const again = await router.press('stats:forget', person('1', { locale: 'zh-CN' }));
    expect(again.body).toBe('这里没有你的记录，没有删除任何东西。');
  });
});
