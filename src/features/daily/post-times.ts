/** When a subscription's posts are due: its local time on each local day, in its time zone. */
import type { Subscription } from './store.ts';
import { addDays, localDate, parseClock, zonedInstant } from './time.ts';

/** A post's slot: the local date it belongs to and the instant it is due. */
export interface Slot {
  date: string;
  at: number;
}

/** Minutes after midnight of a subscription's time (09:00 when the stored value is unreadable). */
export function minutesOf(subscription: Pick<Subscription, 'time'>): number {
  return parseClock(subscription.time) ?? 9 * 60;
}

/** The slot of a subscription on a local date. */
export function slotOn(subscription: Subscription, date: string): Slot {
  return { date, at: zonedInstant(date, minutesOf(subscription), subscription.timezone) };
}

/** The slot of the local day that contains `now`. */
export function todaysSlot(subscription: Subscription, now: number): Slot {
  return slotOn(subscription, localDate(now, subscription.timezone));
}

/**
 * The slot to post now, or null: today's slot once its time has come, unless it lies before the
 * subscription started (subscribing at 10:00 for 09:00 starts tomorrow). A slot of a day that has ended
 * is never due, so a post missed while the bot was down is caught up only the same local day.
 */
export function dueSlot(subscription: Subscription, now: number): Slot | null {
  if (subscription.disabledAt !== null) return null;
  const slot = todaysSlot(subscription, now);
  return slot.at <= now && slot.at >= subscription.activeFrom ? slot : null;
}

/**
 * The instant of the next post, given whether today's exists already: today's slot while it is still to
 * come or due (then it may lie in the past: the post is on its way), else the next day's.
 */
export function nextPostAt(
  subscription: Subscription,
  now: number,
  { postedToday }: { postedToday: boolean },
): number {
  const today = todaysSlot(subscription, now);
  if (!postedToday && today.at >= subscription.activeFrom) return today.at;
  const tomorrow = slotOn(subscription, addDays(today.date, 1));
  if (tomorrow.at > now) return tomorrow.at;
  return slotOn(subscription, addDays(today.date, 2)).at;
}

/** True when the local day of an instant (in a time zone) is over at `now`. */
export function dayOver(instant: number, timeZone: string, now: number): boolean {
  return localDate(now, timeZone) > localDate(instant, timeZone);
}
