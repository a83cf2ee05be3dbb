/** /plan: setting, status, cap and off (private), its clear refusals in both locales, and /review under a plan. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import { planRetention, RETENTION } from '../../src/features/plan/schedule.ts';
import { rate } from '../../src/features/review/review.ts';
import type { Locale } from '../../src/kernel/i18n.ts';
import { allButtons, isActionButton, type Reply } from '../../src/kernel/reply.ts';
import type { Origin, Router } from '../../src/kernel/router.ts';

const DAY = 86_400_000;
/** 09:00 in Shanghai (the default time zone) on 2026-03-02. */
const start = Date.parse('2026-03-02T01:00:00Z');

function person(o: { id?: string; locale?: Locale } = {}): Origin {
  return {
    platform: 'telegram',
    chat: { id: '-100', kind: 'group' },
    user: { id: o.id ?? '1', admin: false },
    locale: o.locale ?? 'zh-CN',
  };
}

const actions = (r: Reply | null | undefined) =>
  allButtons(r ?? {})
    .filter(isActionButton)
    .map((b) => b.action);

describe('/plan', () => {
  let router: Router;
  let clock = start;
  beforeEach(async () => {
    clock = start;
    router = await createRouter({ now: () => new Date(clock) });
  });

  it('explains itself before a plan is set, privately', async () => {
    const zh = await router.invokeText('/plan', person());
    expect(zh?.private).toBe(true);
    expect(zh?.body).toMatch(/还没有面试计划/);
    const en = await router.invokeText('/plan', person({ locale: 'en' }));
    expect(en?.body).toMatch(/No interview plan yet/);
  });

  it('sets a date and focus and shows the countdown, today’s load and the coverage', async () => {
    const reply = await router.invokeText('/plan 2026-03-21 ml python', person());
    expect(reply?.private).toBe(true);
    // 19 days left; 20 focus cards (9 ml + 11 python) over 18 days: 2 new today, nothing due yet.
    expect(reply?.body).toContain('还有 19 天 · 今天 0 道到期 + 2 道新题 · 已覆盖 0/20');
    expect(reply?.body).toMatch(/面试日期 2026-03-21 · 重点：机器学习, 编程语言（Python） · 每天最多 30 题/);
    const en = await router.invokeText('/plan', person({ locale: 'en' }));
    expect(en?.body).toContain('19 days left · today 0 due + 2 new · covered 0/20');
    expect(en?.body).toMatch(/focus: Classic machine learning, Python · at most 30 a day/);
  });

  it('counts due, new and covered cards as the person reviews', async () => {
    await router.invokeText('/plan 2026-03-21', person());
    const { reviews } = router.services.store;
    // Three cards rated earlier, two of them due now.
    for (const id of ['nms', 'gil', 'small-object'])
      await rate(reviews, 'telegram:1', id, 3, new Date(start - 30 * DAY));
    await reviews.put({
      ...((await reviews.get('telegram:1', 'small-object')) ?? ({} as never)),
      due: start + DAY,
    });
    const status = await router.invokeText('/plan', person());
    // 111 new over 18 days: 7 a day.
    expect(status?.body).toContain('还有 19 天 · 今天 2 道到期 + 7 道新题 · 已覆盖 3/114');
    const queue = await router.invokeText('/review', person());
    expect(queue?.footer).toBe('面试计划 · 还有 19 天 · 今天 2 道到期 + 7 道新题 · 已覆盖 3/114');
    expect(actions(queue)[0]).toMatch(/^review:ans:(nms|gil)$/);
  });

  it('introduces new focus cards through /review, then stops at the daily cap', async () => {
    await router.invokeText('/plan 2026-03-10 deep-learning', person());
    await router.invokeText('/plan cap 3', person());
    const seen: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const queue = await router.invokeText('/review', person());
      const id = actions(queue)[0]?.replace('review:ans:', '') ?? '';
      expect(router.services.kb.get(id)?.category).toBe('deep-learning');
      seen.push(id);
      await router.press(`review:rate:${id}:3`, person());
      clock += 60_000;
    }
    expect(new Set(seen).size).toBe(3);
    const rest = await router.invokeText('/review', person());
    expect(rest?.body).toMatch(/今天已做满 3 题/);
    expect(actions(rest)).not.toContain(expect.stringMatching(/^review:ans:/));
    const en = await router.invokeText('/review', person({ locale: 'en' }));
    expect(en?.body).toMatch(/You have done 3 today/);
    // The next morning the cap starts again.
    clock = start + DAY;
    const tomorrow = await router.invokeText('/review', person());
    expect(actions(tomorrow)[0]).toMatch(/^review:ans:/);
  });

  it('warns when the cap leaves out today’s share of new cards, in both locales', async () => {
    await router.invokeText('/plan 2026-03-05', person());
    // 114 new cards over 2 days: 57 today, more than the default cap of 30.
    const zh = await router.invokeText('/plan', person());
    expect(zh?.body).toContain('还有 3 天 · 今天 0 道到期 + 30 道新题 · 已覆盖 0/114');
    expect(zh?.body).toMatch(/每天 30 题的上限放不下今天该学的新题/);
    const en = await router.invokeText('/plan', person({ locale: 'en' }));
    expect(en?.body).toMatch(/A limit of 30 a day leaves out some of today’s new questions/);
    await router.invokeText('/plan 2026-03-05 nlp', person());
    expect((await router.invokeText('/plan', person()))?.body).not.toMatch(/放不下/);
  });

  it('changes the cap, keeps it for a new date, and turns off', async () => {
    expect((await router.invokeText('/plan cap 40', person()))?.body).toMatch(/先设定面试日期/);
    await router.invokeText('/plan 2026-04-01', person());
    expect((await router.invokeText('/plan cap 40', person()))?.body).toMatch(/每天最多 40 题。/);
    expect((await router.invokeText('/plan 2026-04-02', person()))?.body).toMatch(/每天最多 40 题/);
    expect((await router.invokeText('/plan off', person()))?.body).toMatch(/已取消面试计划/);
    expect((await router.invokeText('/plan off', person({ locale: 'en' })))?.body).toMatch(
      /no interview plan/,
    );
    expect(await router.services.store.plans.get('telegram:1')).toBeUndefined();
  });

  it('is deleted with the rest of a person’s records by /stats forget', async () => {
    await router.invokeText('/plan 2026-04-01', person());
    await router.invokeText('/stats forget', person());
    expect((await router.press('stats:forget', person()))?.body).toBe('已删除你的记录（1 条）。');
    expect(await router.services.store.plans.get('telegram:1')).toBeUndefined();
  });

  it.each([
    ['/plan 2026-13-01', /日期格式不对/, /Not a date/],
    ['/plan 2026-02-30', /日期格式不对/, /Not a date/],
    ['/plan tomorrow', /日期格式不对/, /Not a date/],
    ['/plan 2026-03-01', /已经过去了/, /has already passed/],
    ['/plan 2027-03-10', /太远了/, /within a year/],
    ['/plan 2026-04-01 cooking', /没有这个分类：“cooking”/, /No such category: “cooking”/],
    ['/plan cap 0', /1 到 500/, /from 1 to 500/],
    ['/plan cap lots', /1 到 500/, /from 1 to 500/],
  ])('refuses %s clearly in both locales, changing nothing', async (line, zh, en) => {
    await router.invokeText('/plan 2026-03-20', person());
    const before = await router.services.store.plans.get('telegram:1');
    expect((await router.invokeText(line, person()))?.body).toMatch(zh);
    expect((await router.invokeText(line, person({ locale: 'en' })))?.body).toMatch(en);
    expect(await router.services.store.plans.get('telegram:1')).toEqual(before);
  });

  it('accepts today and category names; after the date /plan says so and /review is normal again', async () => {
    const today = await router.invokeText('/plan 2026-03-02 机器学习', person());
    expect(today?.body).toContain('今天面试 · 今天 0 道到期 + 9 道新题 · 已覆盖 0/9');
    expect(await planRetention(router.services, 'telegram:1', clock)).toBe(RETENTION.final);
    clock = start + DAY;
    expect((await router.invokeText('/plan', person()))?.body).toMatch(/面试日期 2026-03-02 已过/);
    expect(await planRetention(router.services, 'telegram:1', clock)).toBe(RETENTION.normal);
    // No plan picks cards any more: with nothing rated, /review explains itself as without a plan.
    expect((await router.invokeText('/review', person()))?.body).toMatch(/还没有复习记录/);
  });
});
