import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOver, dueSlot, nextPostAt } from '../../src/features/daily/post-times.ts';
import {
  addDays,
  canonicalZone,
  formatLocal,
  localDate,
  localParts,
  parseClock,
  zonedInstant,
} from '../../src/features/daily/time.ts';
import { subscription } from './helpers.ts';

const iso = (t: number) => new Date(t).toISOString();

describe('zonedInstant', () => {
  it('keeps 09:00 local across the DST switches of New York and Berlin', () => {
    // New York: EST (UTC-5) until 2025-03-09, EDT (UTC-4) after; back on 2025-11-02.
    expect(iso(zonedInstant('2025-03-08', 540, 'America/New_York'))).toBe('2025-03-08T14:00:00.000Z');
    expect(iso(zonedInstant('2025-03-09', 540, 'America/New_York'))).toBe('2025-03-09T13:00:00.000Z');
    expect(iso(zonedInstant('2025-11-01', 540, 'America/New_York'))).toBe('2025-11-01T13:00:00.000Z');
    expect(iso(zonedInstant('2025-11-02', 540, 'America/New_York'))).toBe('2025-11-02T14:00:00.000Z');
    // Berlin: CET (UTC+1) until 2025-03-30, CEST (UTC+2) until 2025-10-26.
    expect(iso(zonedInstant('2025-03-29', 540, 'Europe/Berlin'))).toBe('2025-03-29T08:00:00.000Z');
    expect(iso(zonedInstant('2025-03-30', 540, 'Europe/Berlin'))).toBe('2025-03-30T07:00:00.000Z');
    expect(iso(zonedInstant('2025-10-26', 540, 'Europe/Berlin'))).toBe('2025-10-26T08:00:00.000Z');
  });

  it('moves a time skipped by spring-forward later by the gap, and takes the first of a repeated one', () => {
    const gap = zonedInstant('2025-03-09', 150, 'America/New_York'); // 02:30 does not exist
    expect(formatLocal(gap, 'America/New_York')).toBe('2025-03-09 03:30');
    const twice = zonedInstant('2025-11-02', 90, 'America/New_York'); // 01:30 happens twice
    expect(iso(twice)).toBe('2025-11-02T05:30:00.000Z'); // the EDT one
    expect(formatLocal(zonedInstant('2025-03-30', 150, 'Europe/Berlin'), 'Europe/Berlin')).toBe(
      '2025-03-30 03:30',
    );
  });

  it('handles zones without DST and with odd offsets', () => {
    expect(iso(zonedInstant('2025-06-01', 540, 'Asia/Shanghai'))).toBe('2025-06-01T01:00:00.000Z');
    expect(iso(zonedInstant('2025-06-01', 540, 'Asia/Kolkata'))).toBe('2025-06-01T03:30:00.000Z');
    expect(iso(zonedInstant('2025-06-01', 540, 'Asia/Kathmandu'))).toBe('2025-06-01T03:15:00.000Z');
  });

  it('round-trips every local time of every zone (property)', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Shanghai',
      'America/Santiago',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.constantFrom(...zones),
        (dayOffset, minutes, zone) => {
          const date = addDays('2020-01-01', dayOffset);
          const t = zonedInstant(date, minutes, zone);
          const p = localParts(t, zone);
          const shown = p.hour * 60 + p.minute;
          // Exact, except inside a spring-forward gap, where it moves later by at most an hour.
          expect(localDate(t, zone)).toBe(date);
          expect(shown - minutes).toBeGreaterThanOrEqual(0);
          expect(shown - minutes).toBeLessThanOrEqual(60);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('time helpers', () => {
  it('canonicalises IANA names and rejects others', () => {
    expect(canonicalZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalZone('UTC')).toBe('UTC');
    expect(canonicalZone('Mars/Olympus')).toBeNull();
    expect(canonicalZone('')).toBeNull();
  });

  it('parses 24-hour clock times', () => {
    expect(parseClock('09:00')).toBe(540);
    expect(parseClock('9:05')).toBe(545);
    expect(parseClock('21：30')).toBe(1290);
    expect(parseClock('7')).toBe(420);
    expect(parseClock('23:59')).toBe(1439);
    for (const bad of ['25:00', '24:00', '9:60', 'noon', '-1', '9:5', '']) expect(parseClock(bad)).toBeNull();
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });
});

describe('schedule', () => {
  const sub = subscription('1', { timezone: 'Europe/Berlin', time: '09:00' });

  it('is due from the local time on, the same local day only', () => {
    expect(dueSlot(sub, Date.parse('2025-03-30T06:59:00Z'))).toBeNull();
    expect(dueSlot(sub, Date.parse('2025-03-30T07:00:00Z'))).toEqual({
      date: '2025-03-30',
      at: Date.parse('2025-03-30T07:00:00Z'),
    });
    // 23:59 local is still that day; 00:00 the next is not (that day's slot is not yet due).
    expect(dueSlot(sub, Date.parse('2025-03-30T21:59:00Z'))?.date).toBe('2025-03-30');
    expect(dueSlot(sub, Date.parse('2025-03-30T22:00:00Z'))).toBeNull();
  });

  it('does not post a slot that was before the subscription started, nor for a disabled chat', () => {
    const late = { ...sub, activeFrom: Date.parse('2025-06-01T08:00:00Z') };
    expect(dueSlot(late, Date.parse('2025-06-01T09:00:00Z'))).toBeNull();
    expect(dueSlot(late, Date.parse('2025-06-02T07:00:00Z'))?.date).toBe('2025-06-02');
    expect(dueSlot({ ...sub, disabledAt: 1 }, Date.parse('2025-06-02T07:00:00Z'))).toBeNull();
  });

  it('gives the next post time: today when still to come, else tomorrow', () => {
    const before = Date.parse('2025-03-29T12:00:00Z'); // 13:00 CET, today's 09:00 posted
    expect(iso(nextPostAt(sub, before, { postedToday: true }))).toBe('2025-03-30T07:00:00.000Z'); // 09:00 CEST
    const morning = Date.parse('2025-03-29T06:00:00Z');
    expect(iso(nextPostAt(sub, morning, { postedToday: false }))).toBe('2025-03-29T08:00:00.000Z');
  });

  it('knows when a local day is over', () => {
    const t = Date.parse('2025-06-01T15:00:00Z'); // 23:00 in Shanghai
    expect(dayOver(t, 'Asia/Shanghai', t + 59 * 60_000)).toBe(false);
    expect(dayOver(t, 'Asia/Shanghai', t + 60 * 60_000)).toBe(true);
  });
});
