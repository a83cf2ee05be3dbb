/**
 * `/stats forget`: deletes everything dlkb keeps about a person on one platform — their answers in every
 * chat, their active days and their review records — in one transaction.
 */
import type { UserKey } from '../../kernel/identity.ts';
import type { Services } from '../../kernel/services.ts';

/** Deletes a person's answers, active days, reviews and key-point tallies; returns how many records were deleted. */
export function forgetPerson(
  services: Pick<Services, 'scores' | 'store' | 'keyPoints'>,
  user: UserKey,
): number {
  return services.store.transaction(
    () =>
      services.scores.forget(user) + services.keyPoints.forget(user) + services.store.reviews.forget(user),
  );
}
