/**
 * The one place a person's records are keyed: the learner key of the account a command came from.
 * Every feature that keeps per-person data (reviews, answers and streaks, key points, plans) reads and
 * writes under this key, so linked accounts (`/link`) share one history.
 */
import type { CommandContext } from '../../kernel/context.ts';
import { type Platform, type UserKey, userKey } from '../../kernel/identity.ts';
import type { Services } from '../../kernel/services.ts';

/** The learner key of a platform account: its own key unless it was linked to another. */
export async function learnerOf(services: Pick<Services, 'store'>, account: UserKey): Promise<UserKey> {
  return await services.store.links.learnerOf(account);
}

/** The learner key of a person on a platform. */
export async function learnerOn(
  services: Pick<Services, 'store'>,
  platform: Platform,
  userId: string,
): Promise<UserKey> {
  return await learnerOf(services, userKey(platform, userId));
}

/** The learner key of the person a command or press came from. */
export async function learnerKey(
  ctx: Pick<CommandContext, 'platform' | 'user' | 'services'>,
): Promise<UserKey> {
  return await learnerOn(ctx.services, ctx.platform, ctx.user.id);
}
