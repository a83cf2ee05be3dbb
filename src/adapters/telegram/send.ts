/**
 * Sending and editing rendered replies: HTML parts in order, the keyboard on the last part, link
 * previews off. A send that fails because the group became a supergroup (400 with
 * `migrate_to_chat_id`) moves the chat's data to the new id and is retried there.
 */

import { type Api, InputFile } from 'grammy';
import type { ForceReply, InlineKeyboardMarkup, Message, ReplyParameters } from 'grammy/types';
import { type Locale, message, translator } from '../../kernel/i18n.ts';
import { chatKey } from '../../kernel/identity.ts';
import type { Logger } from '../../kernel/log.ts';
import type { Reply, ReplyFile } from '../../kernel/reply.ts';
import { fitFiles } from '../../kernel/reply-files.ts';
import type { Router } from '../../kernel/router.ts';
import { askPrompt } from './ask.ts';
import { signedStartPayload, startPayloadForAction } from './deeplink.ts';
import { isNotModified, migrationTarget, PartialSendError } from './errors.ts';
import { inlineKeyboard, type KeyboardPlace } from './keyboard.ts';
import { TELEGRAM_UPLOAD_LIMIT } from './limits.ts';
import type { MemberCache } from './members.ts';
import { type QuizPoll, sendQuizPoll } from './poll.ts';
import { renderHtml } from './render.ts';

/** What the handlers share. */
export interface Deps {
  router: Router;
  log: Logger;
  /** The bot's username, for `t.me` links. */
  botUsername: string;
  /** Signs deep links to actions that change something (`deepLinkKey` of the token). */
  linkKey: Buffer;
  /** Chat members, cached briefly (admin checks, the bot's posting rights). */
  members: MemberCache;
}

/**
 * The start payload of a link that presses `action`: plain for a read-only action, signed otherwise
 * (for `user` alone when given); null when it does not fit.
 */
export function startPayload(deps: Deps, action: string, user?: string): string | null {
  if (deps.router.isReadOnlyAction(action)) return startPayloadForAction(action);
  return signedStartPayload(action, { key: deps.linkKey, user });
}

/** A reply ready to send: HTML parts, the keyboard of the last part and documents sent after them, or a quiz poll instead. */
export interface Rendered {
  parts: string[];
  keyboard: InlineKeyboardMarkup | undefined;
  files?: ReplyFile[];
  /** Sent instead of the parts: the reply's question as a native quiz poll. */
  poll?: QuizPoll;
  /** The last part asks for a reply (a text request in a private chat, see `ask.ts`); no keyboard then. */
  forceReply?: ForceReply;
}

/**
 * Renders a reply for a place, in a language. A question (`choice`) becomes a quiz poll in a chat; files
 * over the upload limit become a note instead.
 */
export function render(deps: Deps, whole: Reply, locale: Locale, place: KeyboardPlace): Rendered {
  const referencesLabel = message(locale, 'common.references');
  const prompt = whole.ask && place === 'private' ? askPrompt(whole.ask, translator(locale)) : null;
  if (prompt)
    return {
      parts: renderHtml(prompt.reply, { referencesLabel }),
      keyboard: undefined,
      forceReply: prompt.markup,
    };
  const reply = fitFiles(whole, TELEGRAM_UPLOAD_LIMIT, translator(locale));
  const keyboard = (buttons: Reply['buttons']) =>
    inlineKeyboard(buttons, {
      botUsername: deps.botUsername,
      place,
      startPayload: (action) => startPayload(deps, action),
    });
  return {
    parts: renderHtml(reply, { referencesLabel }),
    keyboard: keyboard(reply.buttons),
    ...(reply.files?.length ? { files: reply.files } : {}),
    ...(reply.choice && place !== 'inline'
      ? { poll: { choice: reply.choice, place, keyboard: keyboard(reply.choice.buttons) } }
      : {}),
  };
}

/** Moves a chat's stored data to its new id (a group became a supergroup). */
export async function migrateChat(deps: Deps, from: number | string, to: number | string): Promise<void> {
  await deps.router.services.store.migrateChat(
    chatKey('telegram', String(from)),
    chatKey('telegram', String(to)),
  );
  deps.log.info({ from: String(from), to: String(to) }, 'telegram chat migrated to a supergroup');
}

function messageOptions(keyboard: InlineKeyboardMarkup | undefined) {
  return {
    parse_mode: 'HTML' as const,
    link_preview_options: { is_disabled: true },
    ...(keyboard ? { reply_markup: keyboard } : {}),
  };
}

/**
 * Sends rendered parts to a chat, then its files as documents; resolves to the messages sent (the text
 * ones). Follows a supergroup migration once.
 * @throws the API's error when the first part fails; PartialSendError (its cause the API's error) when a
 *   later part fails, since the first ones are out already.
 */
export async function sendRendered(
  api: Api,
  deps: Deps,
  chatId: number | string,
  rendered: Rendered,
  options: { replyTo?: number } = {},
): Promise<Message[]> {
  const { poll } = rendered;
  if (poll) {
    // Message ids do not carry over to a supergroup: no reply there.
    const send = (to: number | string, migrated: boolean) =>
      sendQuizPoll(api, to, poll, deps.router.services, { replyTo: migrated ? undefined : options.replyTo });
    return [(await followingMigration(deps, chatId, send)).message];
  }
  const sent: Message[] = [];
  let target = chatId;
  for (const [i, part] of rendered.parts.entries()) {
    const last = i === rendered.parts.length - 1;
    const partOptions = {
      ...messageOptions(last ? rendered.keyboard : undefined),
      ...(last && rendered.forceReply ? { reply_markup: rendered.forceReply } : {}),
      ...(i === 0 && options.replyTo
        ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
        : {}),
    };
    try {
      const result = await sendFollowingMigration(api, deps, target, part, partOptions);
      target = result.chatId;
      sent.push(result.message);
    } catch (error) {
      if (sent.length > 0) throw new PartialSendError(sent.length, { cause: error });
      throw error;
    }
  }
  for (const file of rendered.files ?? []) {
    try {
      await api.sendDocument(target, new InputFile(Buffer.from(file.content, 'utf8'), file.name));
    } catch (error) {
      if (sent.length > 0) throw new PartialSendError(sent.length, { cause: error });
      throw error;
    }
  }
  return sent;
}

/** Sends with `send`; when the group became a supergroup, moves its data and sends there instead. */
async function followingMigration<M>(
  deps: Deps,
  chatId: number | string,
  send: (chatId: number | string, migrated: boolean) => Promise<M>,
): Promise<{ message: M; chatId: number | string }> {
  try {
    return { message: await send(chatId, false), chatId };
  } catch (error) {
    const to = migrationTarget(error);
    if (to === undefined || String(to) === String(chatId)) throw error;
    await migrateChat(deps, chatId, to);
    return { message: await send(to, true), chatId: to };
  }
}

/** Sends one part, following a supergroup migration. */
function sendFollowingMigration(
  api: Api,
  deps: Deps,
  chatId: number | string,
  text: string,
  options: Omit<ReturnType<typeof messageOptions>, 'reply_markup'> & {
    reply_markup?: InlineKeyboardMarkup | ForceReply;
    reply_parameters?: ReplyParameters;
  },
): Promise<{ message: Message.TextMessage; chatId: number | string }> {
  // Message ids do not carry over to the supergroup.
  const { reply_parameters: _dropped, ...rest } = options;
  return followingMigration(deps, chatId, (to, migrated) =>
    api.sendMessage(to, text, migrated ? rest : options),
  );
}

/** Where an edit goes: a message of a chat, or a message sent through inline mode. */
export type EditTarget = { chatId: number; messageId: number } | { inlineMessageId: string };

/**
 * Replaces a message with the first part (and the keyboard when it is the only part).
 * "Message is not modified" counts as done.
 */
export async function editRendered(api: Api, target: EditTarget, rendered: Rendered): Promise<void> {
  const [first = '…'] = rendered.parts;
  const other = messageOptions(rendered.parts.length === 1 ? rendered.keyboard : undefined);
  try {
    if ('inlineMessageId' in target) await api.editMessageTextInline(target.inlineMessageId, first, other);
    else await api.editMessageText(target.chatId, target.messageId, first, other);
  } catch (error) {
    if (!isNotModified(error)) throw error;
  }
}
