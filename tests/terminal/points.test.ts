/** Grading by key points in the terminal: `1 3` ticks several points at once, then Done rates. */
import { beforeAll, describe, expect, it } from 'vitest';
import { keyPoints } from '../../src/features/review/grade.ts';
import { translator } from '../../src/kernel/i18n.ts';
import type { Router } from '../../src/kernel/router.ts';
import { answers, chatRouter } from './harness.ts';

const zh = translator('zh-CN');
const en = translator('en');

let router: Router;
beforeAll(async () => {
  router = await chatRouter();
});

describe('terminal grading by key points', () => {
  it('ticks the points a line of numbers names, unticks on a second press, and Done rates', async () => {
    const entry = router.services.kb.get('nms');
    if (!entry) throw new Error('nms');
    const points = keyPoints(entry);
    const box = (i: number, on: boolean) =>
      `[${i + 1}] ${on ? '✅' : '⬜'} ${points[i]?.text}${points[i]?.must ? ' ★' : ''}`;
    const doneNumber = points.length + 1;
    const [, answer, open, ticked, unticked, rated] = await answers(router, [
      '/show nms',
      '1',
      // The answer's buttons: four ratings, then grading by key points (the sixth, after the follow-up).
      '6',
      '1 3',
      '3',
      String(doneNumber),
    ]);
    expect(answer).toContain(`[6] ${zh.plain('points.open')}`);
    expect(open).toContain(box(0, false));
    expect(open).toContain(`[${doneNumber}] ${zh.plain('points.done')}`);
    expect(ticked).toContain(box(0, true));
    expect(ticked).toContain(box(1, false));
    expect(ticked).toContain(box(2, true));
    expect(unticked).toContain(box(0, true));
    expect(unticked).toContain(box(2, false));
    expect(rated).toContain('按要点自评：必答要点答出');
    expect(rated).toMatch(/已记录：(忘了|模糊)。/);
  });

  it('a list with a number that is no tick box presses nothing and says why, in both locales', async () => {
    const [, , , zhWrong] = await answers(router, ['/show nms', '1', '6', '1 99']);
    expect(zhWrong).toBe(zh.plain('common.notToggle', { number: 99 }));
    const [, , enWrong] = await answers(router, ['/show nms', '1', '1 2'], 'en');
    expect(enWrong).toBe(en.plain('common.notToggle', { number: 1 }));
  });
});
