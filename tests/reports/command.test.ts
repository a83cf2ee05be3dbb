/** /report and the Report button under every revealed answer, through the router, over the memory stores. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import { DAILY_LIMIT } from '../../src/features/reports/file.ts';
import type { Report } from '../../src/features/reports/store.ts';
import type { Locale } from '../../src/kernel/i18n.ts';
import { allButtons, isActionButton } from '../../src/kernel/reply.ts';
import type { Origin, Router } from '../../src/kernel/router.ts';

const NOW = Date.parse('2026-03-04T04:00:00Z');

function person(id: string, locale: Locale = 'en'): Origin {
  return { platform: 'telegram', chat: { id: '-100', kind: 'group' }, user: { id, admin: false }, locale };
}

describe('/report', () => {
  let router: Router;
  let forwarded: { report: Report; merged: boolean }[];
  beforeEach(async () => {
    router = await createRouter({ now: () => new Date(NOW) });
    forwarded = [];
    router.services.onReport = (e) => forwarded.push(e);
  });

  it('stores the report and answers only "thanks, we’ll look", privately', async () => {
    const reply = await router.invokeText('/report nms the IoU threshold is 0.5, not 0.7', person('1'));
    expect(reply).toEqual({ body: 'Thanks, we’ll look.', private: true });
    expect(await router.services.reports.list()).toEqual([
      expect.objectContaining({
        id: 1,
        entryId: 'nms',
        platform: 'telegram',
        chatKey: 'telegram:-100',
        userKey: 'telegram:1',
        text: 'the IoU threshold is 0.5, not 0.7',
        createdAt: NOW,
        status: 'open',
      }),
    ]);
    expect(forwarded.map((e) => [e.report.id, e.merged])).toEqual([[1, false]]);
    const zh = await router.invokeText('/report nms 还有一处', person('1', 'zh-CN'));
    expect(zh?.body).toBe('谢谢！我们会看一下。');
    expect(forwarded.map((e) => [e.report.id, e.merged])).toEqual([
      [1, false],
      [1, true],
    ]);
  });

  it('works as a Discord slash command with structured options', async () => {
    const reply = await router.invoke(
      { name: 'report', options: { id: 'NMS', text: 'line one\nline two' } },
      { ...person('7'), platform: 'discord' },
    );
    expect(reply.body).toBe('Thanks, we’ll look.');
    expect(await router.services.reports.get(1)).toMatchObject({
      entryId: 'nms',
      text: 'line one\nline two',
    });
  });

  it('refuses an unknown id, an empty or too long text and the sixth report of a day, storing nothing more', async () => {
    const unknown = await router.invokeText('/report nope wrong', person('1'));
    expect(unknown?.body).toContain('No entry "nope"');
    const empty = await router.invokeText('/report nms', person('1'));
    expect(empty?.body).toContain('/report nms');
    expect((await router.invokeText('/report nms   ', person('1', 'zh-CN')))?.body).toContain(
      '请写出答案哪里有错',
    );
    const long = await router.invokeText(`/report nms ${'x'.repeat(1001)}`, person('1'));
    expect(long?.body).toBe(
      'The report is too long: 1000 characters at most, yours has 1001. Please shorten it and send it again.',
    );
    expect(await router.services.reports.list()).toEqual([]);
    const ids = router.services.kb.entries.slice(0, DAILY_LIMIT + 1).map((e) => e.id);
    for (const id of ids.slice(0, DAILY_LIMIT))
      expect((await router.invokeText(`/report ${id} wrong`, person('1')))?.body).toBe('Thanks, we’ll look.');
    const sixth = await router.invokeText(`/report ${ids[DAILY_LIMIT]} wrong`, person('1', 'zh-CN'));
    expect(sixth?.body).toBe('每人每天最多提交 5 条纠错，今天的次数已用完。请明天再来，谢谢！');
    expect(await router.services.reports.list()).toHaveLength(DAILY_LIMIT);
    expect(forwarded).toHaveLength(DAILY_LIMIT);
  });

  it('shows a Report button under every revealed answer; pressing it gives the exact line to type', async () => {
    const answer = await router.press('show:ans:nms', person('1'));
    const button = allButtons(answer)
      .filter(isActionButton)
      .find((b) => b.action === 'report:new:nms');
    expect(button).toMatchObject({ label: 'Report', private: true });
    const zh = await router.press('show:ans:nms', person('1', 'zh-CN'));
    expect(allButtons(zh).map((b) => b.label)).toContain('纠错');
    const usage = await router.press('report:new:nms', person('1'));
    expect(usage.private).toBe(true);
    expect(usage.body).toContain('/report nms ');
    expect(router.isReadOnlyAction('report:new:nms')).toBe(true);
    expect((await router.press('report:new:nope', person('1'))).body).toContain('No entry "nope"');
  });

  it('a failing forward never loses the report nor the thanks', async () => {
    router.services.onReport = () => {
      throw new Error('chat gone');
    };
    expect((await router.invokeText('/report nms wrong', person('1')))?.body).toBe('Thanks, we’ll look.');
    expect(await router.services.reports.list()).toHaveLength(1);
  });
});
