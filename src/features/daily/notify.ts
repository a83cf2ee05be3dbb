/**
 * `/notify on|off`: a member gives themself (or removes) the role the chat's daily post mentions, through
 * the platform's member-role capability (Discord). The bot needs Manage Roles and the role below its own
 * highest; otherwise the reply says what an admin must do. Platforms without roles (Telegram, the
 * terminal) are told so.
 */
import type { CommandContext } from '../../kernel/context.ts';
import { UserError } from '../../kernel/errors.ts';
import { chatKey } from '../../kernel/identity.ts';
import { inlineCode } from '../../kernel/markdown.ts';
import { DeliveryError } from '../../kernel/outbox.ts';
import type { Reply } from '../../kernel/reply.ts';

/** Gives (`on`) or removes (`off`) the daily post's role for the person who asks. @throws UserError */
export async function notifyReply(ctx: CommandContext, on: boolean): Promise<Reply> {
  if (ctx.platform === 'telegram') throw new UserError('notify.noRoles');
  if (ctx.platform !== 'discord') throw new UserError('notify.discordOnly');
  const sub = await ctx.services.store.daily.getSubscription(chatKey(ctx.platform, ctx.chat.id));
  if (!sub?.roleId) throw new UserError('notify.noRole');
  const roles = ctx.services.daily?.roles(ctx.platform);
  if (!roles) throw new UserError('notify.unavailable');
  const role = inlineCode(sub.roleId);
  try {
    const state = await roles.roleState(sub.chatId, sub.roleId);
    if (!state.exists) throw new UserError('notify.roleGone', { role });
    if (state.canManage === 'no-permission') throw new UserError('notify.noPermission');
    if (state.canManage === 'role-above') throw new UserError('notify.roleAbove', { role });
    await roles.setMemberRole(sub.chatId, ctx.user.id, sub.roleId, on);
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    ctx.services.log.warn({ chat: sub.chatKey, err: error }, 'notify: role not changed');
    throw new UserError(
      error.kind === 'gone' ? 'notify.noPermission' : 'notify.failed',
      {},
      { cause: error },
    );
  }
  return { body: ctx.t(on ? 'notify.on' : 'notify.off', { role }), private: true };
}
