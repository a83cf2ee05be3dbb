/** Which entry a chat's next daily post asks, by its subscription's pick: the rotation or adaptive. */
import type { Services } from '../../kernel/context.ts';
import { NO_REPEAT_DAYS, pickAdaptive } from './adaptive.ts';
import { eligibleIds, pickNext } from './rotation.ts';
import type { Rotation, Subscription } from './store.ts';

/** Enough of a chat's latest deliveries to cover the no-repeat days (a post and a reveal a day, and slack). */
const ADAPTIVE_DELIVERIES = NO_REPEAT_DAYS * 4;

/**
 * The next entry to ask; with `rotation` (the rotation after asking it, to store) under the rotation
 * pick, without under the adaptive pick (which keeps no state of its own). Null when nothing is eligible.
 */
export async function chooseNext(
  services: Pick<Services, 'store' | 'scores' | 'kb' | 'random'>,
  sub: Subscription,
  now: number,
): Promise<{ entryId: string; rotation?: Rotation } | null> {
  const { store, scores, kb, random } = services;
  const eligible = eligibleIds(kb, sub.category);
  if (sub.pick === 'adaptive') {
    const entryId = pickAdaptive({
      eligible,
      deliveries: await store.daily.recentDeliveries(sub.chatKey, ADAPTIVE_DELIVERIES),
      answers: await scores.answersIn(sub.chatKey),
      now,
      random,
    });
    return entryId === null ? null : { entryId };
  }
  return pickNext(await store.daily.getRotation(sub.chatKey), eligible, sub.category, random);
}
