import { describe, expect, it } from 'vitest';
import { streakOf } from '../../src/features/scores/streak.ts';

// 2026-03-02 is a Monday.
describe('streaks', () => {
  it('counts consecutive active days up to today', () => {
    expect(streakOf(['2026-03-02', '2026-03-03', '2026-03-04'], '2026-03-04')).toEqual({
      current: 3,
      longest: 3,
      frozen: [],
      today: true,
    });
  });

  it('today, not yet active, does not break the streak', () => {
    expect(streakOf(['2026-03-02', '2026-03-03'], '2026-03-04')).toMatchObject({ current: 2, today: false });
  });

  it('forgives one missed day a week, shown as a freeze, not counted', () => {
    const s = streakOf(['2026-03-02', '2026-03-04', '2026-03-05'], '2026-03-05');
    expect(s).toEqual({ current: 3, longest: 3, frozen: ['2026-03-03'], today: true });
  });

  it('a freeze keeps yesterday’s miss while today is still open', () => {
    expect(streakOf(['2026-03-02', '2026-03-03'], '2026-03-05')).toMatchObject({
      current: 2,
      frozen: ['2026-03-04'],
    });
  });

  it('a second missed day in the same ISO week breaks the streak', () => {
    const s = streakOf(['2026-03-02', '2026-03-04', '2026-03-06', '2026-03-07'], '2026-03-07');
    expect(s).toMatchObject({ current: 2, longest: 2, frozen: [] });
  });

  it('two missed days in a row break it, and the unused freeze stays available that week', () => {
    // Missed Tue and Wed (breaks); the new streak from Thu may use the week's freeze on Sat.
    const s = streakOf(['2026-03-02', '2026-03-05', '2026-03-06', '2026-03-08'], '2026-03-08');
    expect(s).toMatchObject({ current: 3, longest: 3, frozen: ['2026-03-07'] });
  });

  it('Sunday and the next Monday missed break it, though each is in its own ISO week; one miss in each week is forgiven', () => {
    const s = streakOf(['2026-03-06', '2026-03-07', '2026-03-10'], '2026-03-10');
    expect(s).toMatchObject({ current: 1, longest: 2, frozen: [] });
    const t = streakOf(['2026-03-06', '2026-03-07', '2026-03-09', '2026-03-10', '2026-03-12'], '2026-03-12');
    expect(t).toMatchObject({ current: 5, frozen: ['2026-03-08', '2026-03-11'] });
  });

  it('keeps the longest streak after a break, and 0 current once broken', () => {
    const s = streakOf(['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-04', '2026-03-01'], '2026-03-04');
    expect(s).toMatchObject({ current: 0, longest: 4, frozen: [] });
  });

  it('nothing active: no streak; repeats and order do not matter', () => {
    expect(streakOf([], '2026-03-04')).toEqual({ current: 0, longest: 0, frozen: [], today: false });
    expect(streakOf(['2026-03-04', '2026-03-03', '2026-03-04'], '2026-03-04')).toMatchObject({ current: 2 });
  });

  it('a day ahead of today (answered in a zone further east) still counts', () => {
    expect(streakOf(['2026-03-03', '2026-03-04', '2026-03-05'], '2026-03-04')).toMatchObject({ current: 3 });
  });
});
