/**
 * A rating under an interview-date plan: FSRS at the plan's retention, counted in today's load, and a
 * card seen only once whose next review would fall too late is brought forward, so it is seen a second
 * time before the interview (at the start of the day halfway to the last day before it).
 */
import type { Grade } from 'ts-fsrs';
import { TypeConvert } from 'ts-fsrs';
import { offsetAt } from '../daily/time.ts';
import { rate } from '../review/review.ts';
import type { ReviewRecord } from '../review/store.ts';
import { notePlanRating, type PlanServices, planRetention, planToday, planZone } from './schedule.ts';

const DAY = 86_400_000;

/** The start of the local day `days` after the one of `now`, in the plan's time zone (epoch ms). */
function localDayStart(services: PlanServices, now: number, days: number): number {
  const offset = offsetAt(now, planZone(services));
  return now - ((((now + offset) % DAY) + DAY) % DAY) + days * DAY;
}

/**
 * Records a rating of a card (an entry or a follow-up, by card id) as `rate` does, with what an active
 * plan adds; without one, exactly `rate`.
 */
export async function ratePlanned(
  services: PlanServices,
  user: string,
  entryId: string,
  grade: Grade,
  now: Date,
): Promise<ReviewRecord> {
  const at = now.getTime();
  const { reviews } = services.store;
  // Only entries are the plan's new cards; a follow-up's first rating counts in the cap alone.
  const fresh = services.kb.get(entryId) !== undefined && (await reviews.get(user, entryId)) === undefined;
  const record = await rate(reviews, user, entryId, grade, now, {
    retention: await planRetention(services, user, at),
  });
  await notePlanRating(services, user, at, { fresh });
  const load = await planToday(services, user, at);
  // Days until the last day before the interview: a second look should come by then.
  const gap = load ? load.daysLeft - 1 : 0;
  if (record.reps >= 2 || gap < 1) return record;
  const latest = localDayStart(services, at, Math.ceil(gap / 2));
  if (record.due <= latest) return record;
  const card = TypeConvert.card(JSON.parse(record.card));
  const moved: ReviewRecord = {
    ...record,
    due: latest,
    card: JSON.stringify({ ...card, due: new Date(latest) }),
  };
  await reviews.put(moved);
  return moved;
}
