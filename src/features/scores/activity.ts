/**
 * The days a person was active, for streaks: the days marked in the store (review ratings) and the days
 * of their answers, each answer's day in the time zone of the chat it was given in. Answer days are
 * derived when read, so recording an answer stays one write.
 */
import type { UserKey } from '../../kernel/identity.ts';
import type { Services } from '../../kernel/services.ts';
import { localDate } from '../daily/time.ts';
import type { Reviewed } from '../review/review.ts';
import { chatZone } from './zone.ts';

type Deps = Pick<Services, 'scores' | 'store' | 'daily'>;

/** The local days on which a person answered or reviewed, sorted, each once. */
export async function activeDays(services: Deps, user: UserKey): Promise<string[]> {
  const days = new Set(await services.scores.activeDays(user));
  const zones = new Map<string, string>();
  for (const m of await services.scores.moments(user)) {
    let zone = zones.get(m.chatKey);
    if (zone === undefined) {
      zone = await chatZone(services, m.chatKey);
      zones.set(m.chatKey, zone);
    }
    days.add(localDate(m.at, zone));
  }
  return [...days].sort();
}

/** What the app hands the review feature as `onReviewed`: marks the rating's local day active. */
export function markReviewDay(services: Deps): (event: Reviewed) => Promise<void> {
  return async (e) =>
    await services.scores.markActive(e.user, localDate(e.at, await chatZone(services, e.chatKey)), 'review');
}
