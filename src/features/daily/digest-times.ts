/**
 * When a chat's weekly digest is due: a weekday and a time in the subscription's time zone, stored as
 * `<mon…sun> HH:MM`. A digest belongs to the local ISO week of its day (its slot is that week's Monday),
 * covers the 7 days before it is due, and, like a post, is caught up after a restart only the same local day.
 */
import { isoWeekStart } from '../scores/window.ts';
import type { Subscription } from './store.ts';
import { addDays, formatClock, localDate, parseClock, zonedInstant } from './time.ts';

/** The weekdays as stored, Monday first (the index is the ISO weekday − 1). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The digest's time when only a day is given. */
export const DEFAULT_DIGEST_TIME = '20:00';

/** Names a day may be written as, beyond `WEEKDAYS`, each to its index. */
const DAY_NAMES: Readonly<Record<string, number>> = (() => {
  const names: Record<string, number> = {};
  const long = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const zh = ['一', '二', '三', '四', '五', '六', '日'];
  WEEKDAYS.forEach((d, i) => {
    names[d] = i;
    names[long[i] as string] = i;
    names[String(i + 1)] = i;
    for (const prefix of ['周', '星期', '礼拜']) names[`${prefix}${zh[i]}`] = i;
  });
  for (const prefix of ['周', '星期', '礼拜']) names[`${prefix}天`] = 6;
  return names;
})();

/**
 * A `digest` value as stored (`sun 20:00`), `off` for `off`/`none`/`关`, or null when unreadable. A day
 * (`sun`, `sunday`, `7`, `周日`) and an optional time (`20:00`, `20`), apart or joined by `@ , - _ /`.
 */
export function parseDigest(value: string): string | 'off' | null {
  const text = value.trim().toLowerCase();
  if (['off', 'none', 'no', '关', '关闭', '不要'].includes(text)) return 'off';
  const m = /^([a-z]+|\d|[周星期礼拜][\u4e00-\u9fff]{1,2})[\s@,_/-]*(.*)$/u.exec(text);
  const day = m?.[1] === undefined ? undefined : DAY_NAMES[m[1]];
  if (day === undefined) return null;
  const minutes = parseClock(m?.[2] || DEFAULT_DIGEST_TIME);
  if (minutes === null) return null;
  return `${WEEKDAYS[day]} ${formatClock(minutes)}`;
}

/** The weekday index (0 Monday) and minutes after midnight of a stored digest; null when none. */
export function digestParts(sub: Pick<Subscription, 'digest'>): { day: number; minutes: number } | null {
  if (!sub.digest) return null;
  const [name = '', clock = ''] = sub.digest.split(' ');
  const day = WEEKDAYS.findIndex((d) => d === name);
  const minutes = parseClock(clock);
  return day < 0 || minutes === null ? null : { day, minutes };
}

/** A digest's slot: the Monday of its week (the delivery's slot) and the instant it is due. */
export interface DigestSlot {
  week: string;
  at: number;
}

/** The digest slot of the local week that contains `now`; null without a digest. */
export function weeksDigest(sub: Subscription, now: number): DigestSlot | null {
  const parts = digestParts(sub);
  if (!parts) return null;
  const week = isoWeekStart(localDate(now, sub.timezone));
  return { week, at: zonedInstant(addDays(week, parts.day), parts.minutes, sub.timezone) };
}

/**
 * The digest to send now, or null: this week's once its time has come on its own local day (a digest
 * missed while the bot was down is caught up that day only) and not before the subscription started.
 */
export function dueDigest(sub: Subscription, now: number): DigestSlot | null {
  if (sub.disabledAt !== null) return null;
  const slot = weeksDigest(sub, now);
  if (!slot || slot.at > now || slot.at < sub.activeFrom) return null;
  return localDate(slot.at, sub.timezone) === localDate(now, sub.timezone) ? slot : null;
}

/** The instant of the next digest after this week's (when `sentThisWeek`, or its time has passed). */
export function nextDigestAt(sub: Subscription, now: number, sentThisWeek: boolean): number | null {
  const slot = weeksDigest(sub, now);
  const parts = digestParts(sub);
  if (!slot || !parts) return null;
  const today = localDate(now, sub.timezone);
  if (!sentThisWeek && localDate(slot.at, sub.timezone) >= today && slot.at >= sub.activeFrom) return slot.at;
  return zonedInstant(addDays(slot.week, 7 + parts.day), parts.minutes, sub.timezone);
}
