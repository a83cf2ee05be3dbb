/**
 * The windows of /top, in a chat's time zone: this ISO week (from Monday 00:00 local), this calendar
 * month, or all time. Boundaries are local midnights, so a DST change moves them with the wall clock.
 */
import { addDays, localDate, zonedInstant } from '../daily/time.ts';
import type { Span } from './store.ts';

/** The windows /top offers. */
export const WINDOWS = ['week', 'month', 'all'] as const;

/** One of `WINDOWS`. */
export type WindowName = (typeof WINDOWS)[number];

/** A window as a span of time, with the local date it starts on (null for all time). */
export interface Window extends Span {
  name: WindowName;
  start: string | null;
}

/** Days after Monday of a `YYYY-MM-DD` date: 0 Monday … 6 Sunday. */
export function isoWeekday(date: string): number {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The Monday of the ISO week of a date (the week's key). */
export function isoWeekStart(date: string): string {
  return addDays(date, -isoWeekday(date));
}

/** The first day of the next month of a date's month. */
function nextMonth(first: string): string {
  const [y = 0, m = 1] = first.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The window `name` that contains the instant `now`, in `timeZone`. */
export function windowAt(name: WindowName, now: number, timeZone: string): Window {
  if (name === 'all') return { name, start: null, from: 0, to: Number.MAX_SAFE_INTEGER };
  const today = localDate(now, timeZone);
  const start = name === 'week' ? isoWeekStart(today) : `${today.slice(0, 8)}01`;
  const end = name === 'week' ? addDays(start, 7) : nextMonth(start);
  return { name, start, from: zonedInstant(start, 0, timeZone), to: zonedInstant(end, 0, timeZone) };
}
