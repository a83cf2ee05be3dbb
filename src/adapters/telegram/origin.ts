/**
 * Who, where and in which language an update comes from, as the router's `Origin`. `admin` is decided
 * here, server side: true in a private chat and for a channel post (only channel admins can post), and in
 * a group the member's status from `getChatMember` (creator or administrator, cached for a minute),
 * asked for only when the command is admin-only.
 */
import type { Context } from 'grammy';
import type { Chat } from '../../kernel/context.ts';
import { pickLocale } from '../../kernel/i18n.ts';
import type { Logger } from '../../kernel/log.ts';
import type { Origin } from '../../kernel/router.ts';
import { safeError } from './errors.ts';
import { isAdminStatus, type MemberCache } from './members.ts';

/** The router's chat kind of a Telegram chat type. */
export function chatKind(type: string): Chat['kind'] {
  if (type === 'private') return 'private';
  if (type === 'channel') return 'channel';
  return 'group';
}

/** The chat kind of a chat id alone: users are positive, groups and channels negative, `@name` a channel. */
export function kindOfId(chatId: string | number): Chat['kind'] {
  const id = String(chatId);
  if (id.startsWith('@')) return 'channel';
  return id.startsWith('-') ? 'group' : 'private';
}

function displayName(ctx: Context): string | undefined {
  const from = ctx.from;
  if (from) return from.username ? `@${from.username}` : [from.first_name, from.last_name].join(' ').trim();
  const sender = ctx.senderChat ?? ctx.chat;
  return sender && 'title' in sender ? sender.title : undefined;
}

async function isGroupAdmin(ctx: Context, log: Logger, members: MemberCache): Promise<boolean> {
  const chat = ctx.chat;
  const msg = ctx.msg;
  if (!chat) return false;
  // An anonymous admin writes as the group itself.
  if (msg?.sender_chat?.id === chat.id) return true;
  if (!ctx.from) return false;
  try {
    return isAdminStatus(await members.get(ctx.api, chat.id, ctx.from.id));
  } catch (error) {
    log.warn({ error: safeError(error), chat: String(chat.id) }, 'telegram getChatMember failed');
    return false;
  }
}

/**
 * The origin of an update. `adminCheck` asks for the group admin check (an admin-only command) through
 * that cache; otherwise `admin` is false in groups. Updates without a chat (inline queries and presses on messages
 * sent through inline mode) are placed in the private chat of the person.
 */
export async function originOf(
  ctx: Context,
  options: { log: Logger; adminCheck?: MemberCache },
): Promise<Origin> {
  const locale = pickLocale(ctx.from?.language_code);
  const chat = ctx.chat;
  if (!chat || (ctx.callbackQuery && !ctx.callbackQuery.message)) {
    const id = String(ctx.from?.id ?? 0);
    return {
      platform: 'telegram',
      chat: { id, kind: 'private' },
      user: { id, name: displayName(ctx), admin: false },
      locale,
    };
  }
  const kind = chatKind(chat.type);
  let admin = false;
  if (kind === 'private') admin = true;
  else if (ctx.channelPost) admin = true;
  else if (kind === 'group' && options.adminCheck)
    admin = await isGroupAdmin(ctx, options.log, options.adminCheck);
  const userId = ctx.from?.id ?? ctx.senderChat?.id ?? chat.id;
  return {
    platform: 'telegram',
    chat: { id: String(chat.id), kind },
    user: { id: String(userId), name: displayName(ctx), admin },
    locale,
  };
}
