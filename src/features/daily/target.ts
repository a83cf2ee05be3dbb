/**
 * Which chat a `/daily` command is about: the chat it was sent in, or a chat it names (a Telegram
 * channel, from a private chat with the bot). Naming a chat needs the platform's chat directory and
 * that the person administers that chat; otherwise a clear refusal, and nothing changes.
 */

import type { CommandContext, Platform } from '../../kernel/context.ts';
import { UserError } from '../../kernel/errors.ts';
import { type ChatKey, chatKey } from '../../kernel/identity.ts';

/** The chat a command acts on. */
export interface Target {
  chatKey: ChatKey;
  platform: Platform;
  chatId: string;
  /** How to name it in a message, plain text: "this chat" or the chat's title. */
  label: string;
  /** False when the bot cannot post there (checked only for a named chat, and only with `posting`). */
  botCanPost: boolean;
}

/**
 * The chat the command acts on. `posting`: the command posts there, so check that the bot may (one
 * more platform call; `status` and `unsubscribe` do without).
 * @throws UserError when the reference is malformed, names a chat the bot cannot see, or one the person
 *   does not administer, or when the platform cannot look chats up.
 */
export async function resolveTarget(
  ctx: CommandContext,
  reference: string | undefined,
  options: { posting?: boolean } = {},
): Promise<Target> {
  const here = {
    chatKey: chatKey(ctx.platform, ctx.chat.id),
    platform: ctx.platform,
    chatId: ctx.chat.id,
    label: ctx.t('daily.thisChat'),
    botCanPost: true,
  };
  if (reference === undefined || reference.trim() === '') return here;
  const directory = ctx.services.daily?.directory(ctx.platform);
  if (!directory) throw new UserError('daily.noDirectory');
  const ref = directory.parseReference(reference);
  if (!ref) throw new UserError('daily.badChat', { value: reference });
  let chat: Awaited<ReturnType<typeof directory.resolveChat>>;
  let admin: boolean;
  try {
    chat = await directory.resolveChat(ref, { checkPosting: options.posting === true });
    admin = chat ? await directory.isChatAdmin(chat.id, ctx.user.id) : false;
  } catch (error) {
    ctx.services.log.warn({ err: error, chat: ref }, 'daily: chat directory failed');
    throw new UserError('daily.directoryFailed', { chat: ref });
  }
  if (!chat) throw new UserError('daily.chatNotFound', { chat: ref });
  if (!admin) throw new UserError('daily.notChatAdmin', { chat: ref });
  return {
    chatKey: chatKey(ctx.platform, chat.id),
    platform: ctx.platform,
    chatId: chat.id,
    label: chat.title || ref,
    // Unchecked (no `posting`): nothing will be posted, so it does not matter; asked but unknown: no.
    botCanPost: chat.botCanPost ?? !options.posting,
  };
}
