import { describe, expect, it } from 'vitest';
import { isoWeekStart, windowAt } from '../../src/features/scores/window.ts';

const at = (iso: string) => Date.parse(iso);

describe('/top windows', () => {
  it('a week starts on Monday 00:00 in the chat’s time zone', () => {
    // Sunday 2026-03-08 23:30 in Shanghai is still that week; 00:30 Monday is the next.
    const sunday = windowAt('week', at('2026-03-08T15:30:00Z'), 'Asia/Shanghai');
    expect(sunday).toMatchObject({
      start: '2026-03-02',
      from: at('2026-03-01T16:00:00Z'),
      to: at('2026-03-08T16:00:00Z'),
    });
    const monday = windowAt('week', at('2026-03-08T16:30:00Z'), 'Asia/Shanghai');
    expect(monday.start).toBe('2026-03-09');
    // The same instant is still Sunday in Berlin.
    expect(windowAt('week', at('2026-03-08T16:30:00Z'), 'Europe/Berlin').start).toBe('2026-03-02');
  });

  it('a week across the spring DST change has 167 hours, ending at local midnight', () => {
    const w = windowAt('week', at('2026-03-27T12:00:00Z'), 'Europe/Berlin');
    expect(w.from).toBe(at('2026-03-22T23:00:00Z'));
    expect(w.to).toBe(at('2026-03-29T22:00:00Z'));
    expect((w.to - w.from) / 3_600_000).toBe(167);
  });

  it('a week across the autumn DST change has 169 hours', () => {
    const w = windowAt('week', at('2026-11-01T12:00:00Z'), 'America/New_York');
    expect(w.start).toBe('2026-10-26');
    expect((w.to - w.from) / 3_600_000).toBe(169);
  });

  it('a month runs from the 1st at local midnight to the next 1st, December into January', () => {
    const march = windowAt('month', at('2026-02-28T17:00:00Z'), 'Asia/Shanghai');
    expect(march).toMatchObject({
      start: '2026-03-01',
      from: at('2026-02-28T16:00:00Z'),
      to: at('2026-03-31T16:00:00Z'),
    });
    const december = windowAt('month', at('2026-12-15T00:00:00Z'), 'UTC');
    expect(december.to).toBe(at('2027-01-01T00:00:00Z'));
  });

  it('all time has no bounds', () => {
    const w = windowAt('all', at('2026-03-01T00:00:00Z'), 'UTC');
    expect(w.start).toBeNull();
    expect(w.from).toBe(0);
    expect(w.to).toBeGreaterThan(at('2100-01-01T00:00:00Z'));
  });

  it('ISO weeks start on Monday, across a year end', () => {
    expect(isoWeekStart('2026-03-02')).toBe('2026-03-02');
    expect(isoWeekStart('2026-03-08')).toBe('2026-03-02');
    expect(isoWeekStart('2027-01-01')).toBe('2026-12-28');
  });
});
