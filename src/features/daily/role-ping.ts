/**
 * Whether a daily post may ping its subscription's role (Discord): asked of the platform right before
 * the post, when the outbox can tell (`MemberRoles`). A role deleted since the admin chose it, or one the
 * bot may no longer mention (not mentionable, no Mention @everyone permission), falls back to a post
 * without the ping, and the delivery keeps why, for `/daily status`. When the platform cannot be asked,
 * the ping is kept: Discord itself drops a mention it does not allow, and the post still goes out.
 */
import type { Logger } from '../../kernel/log.ts';
import { hasMemberRoles, type Outbox } from '../../kernel/outbox.ts';
import type { RoleSkip, Subscription } from './store.ts';

/** The role a post mentions (none: undefined), and why the subscription's role is not mentioned. */
export interface RolePing {
  mentionRole?: string;
  skip: RoleSkip | null;
}

/** Checks the subscription's role before a post. Never throws. */
export async function rolePing(outbox: Outbox, sub: Subscription, log: Logger): Promise<RolePing> {
  const roleId = sub.roleId;
  if (!roleId) return { skip: null };
  if (!hasMemberRoles(outbox)) return { mentionRole: roleId, skip: null };
  try {
    const state = await outbox.roleState(sub.chatId, roleId);
    if (!state.exists) return { skip: 'gone' };
    if (!state.canMention) return { skip: 'no-permission' };
  } catch (error) {
    log.warn({ chat: sub.chatKey, err: error }, 'daily: the role could not be checked; mentioned anyway');
  }
  return { mentionRole: roleId, skip: null };
}
