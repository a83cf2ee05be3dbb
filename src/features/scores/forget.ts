/**
 * `/stats forget`: deletes everything dlkb keeps about a person on one platform — their answers in every
 * chat, their active days and their review records — in one transaction.
 */
import type { UserKey } from '../../kernel/identity.ts';
import type { Services } from '../../kernel/services.ts';

/** A store that can delete a person's records. */
interface Forgets {
  forget(user: string): number;
}

/** True when a store offers `forget` (the review store does; its interface gains it when the store is split). */
function forgets(store: object): store is Forgets {
  return 'forget' in store && typeof store.forget === 'function';
}

/** Deletes a person's answers, active days, reviews and key-point tallies; returns how many records were deleted. */
export function forgetPerson(
  services: Pick<Services, 'scores' | 'store' | 'keyPoints'>,
  user: UserKey,
): number {
  return services.store.transaction(() => {
    const reviews = services.store.reviews;
    const deleted = services.scores.forget(user) + services.keyPoints.forget(user);
    return deleted + (forgets(reviews) ? reviews.forget(user) : 0);
  });
}
