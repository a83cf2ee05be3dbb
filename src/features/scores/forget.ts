/**
 * `/stats forget`: deletes everything dlkb keeps about a person on one platform — their answers in every
 * chat, their active days, their review records and their interview-date plan — in one transaction.
 */
import type { UserKey } from '../../kernel/identity.ts';
import type { Services } from '../../kernel/services.ts';

/** Deletes a person's answers, active days, reviews, key-point tallies and plan; returns how many records were deleted. */
export async function forgetPerson(
  services: Pick<Services, 'scores' | 'store' | 'keyPoints'>,
  user: UserKey,
): Promise<number> {
  return await services.store.transaction(
    async () =>
      (await services.scores.forget(user)) +
      (await services.keyPoints.forget(user)) +
      (await services.store.reviews.forget(user)) +
      ((await services.store.plans.remove(user)) ? 1 : 0),
  );
}
