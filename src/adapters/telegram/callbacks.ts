/**
 * Button presses (callback queries). The action id goes to `router.press`; the reply replaces the
 * message (`edit`) or is sent to the chat, and every query is answered. A private reply to a press in a
 * group or channel goes to the person alone: as an alert when it is short plain text, else in their
 * private chat with the bot, else as a `t.me` link that opens that chat with the action as payload.
 * A press never posts into a channel: only edits happen there, other replies go to the person. In a
 * group, a button of one message posts its public reply once (one reveal, not fifty): later presses of
 * it are answered to the person, like a private reply.
 */
import { type Bot, type Context, GrammyError } from 'grammy';
import { translator } from '../../kernel/i18n.ts';
import type { Reply } from '../../kernel/reply.ts';
import type { Origin } from '../../kernel/router.ts';
import { isGone, PartialSendError, safeError } from './errors.ts';
import { startLink } from './keyboard.ts';
import { originOf } from './origin.ts';
import { plainText } from './render.ts';
import { type Deps, editRendered, type Rendered, render, sendRendered, startPayload } from './send.ts';

/** Telegram's limit on the text of a callback answer. */
const MAX_ALERT = 200;

/** How many (message, button) pairs remember their public reply; the oldest are forgotten first. */
const POSTED_CAP = 10_000;

/** The keys of the latest public replies to presses, bounded (insertion order, oldest dropped). */
class PostedReplies {
  readonly #keys = new Set<string>();

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  add(key: string): void {
    this.#keys.add(key);
    if (this.#keys.size > POSTED_CAP) {
      const oldest = this.#keys.values().next().value;
      if (oldest !== undefined) this.#keys.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#keys.delete(key);
  }
}

type AnswerOptions = Parameters<Context['answerCallbackQuery']>[0];

/**
 * Answers the query. Telegram refuses an answer after about 15 seconds ("query is too old"); the reply
 * itself was delivered by then, so that refusal is only logged.
 */
async function answer(ctx: Context, deps: Deps, options?: AnswerOptions): Promise<void> {
  try {
    await ctx.answerCallbackQuery(options);
  } catch (error) {
    if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
    deps.log.debug({ error: safeError(error) }, 'telegram callback query could not be answered');
  }
}

/** Answers the person who pressed, and only them. */
async function answerPrivately(
  ctx: Context,
  deps: Deps,
  origin: Origin,
  reply: Reply,
  action: string,
): Promise<void> {
  const t = translator(origin.locale);
  const plain = plainText(reply);
  if (plain !== null && plain !== '' && [...plain].length <= MAX_ALERT) {
    await answer(ctx, deps, { text: plain, show_alert: true });
    return;
  }
  const userId = ctx.callbackQuery?.from.id;
  if (userId === undefined) return;
  try {
    await sendRendered(ctx.api, deps, userId, render(deps, reply, origin.locale, 'private'));
    await answer(ctx, deps, { text: t('telegram.sentPrivately') });
  } catch (error) {
    // 403: the person never opened a private chat with the bot. A start link opens it and presses again.
    if (!isGone(error)) throw error;
    // Signed for this person when the action changes something: a forwarded link does nothing for others.
    const payload = startPayload(deps, action, String(userId));
    if (payload) await answer(ctx, deps, { url: startLink(deps.botUsername, payload) });
    else await answer(ctx, deps, { text: t('telegram.startPrivately'), show_alert: true });
  }
}

/** Edits the pressed message; false when Telegram refuses (deleted, too old): the caller sends instead. */
async function edited(ctx: Context, chatId: number, messageId: number, rendered: Rendered): Promise<boolean> {
  try {
    await editRendered(ctx.api, { chatId, messageId }, rendered);
    return true;
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 400) return false;
    throw error;
  }
}

async function onPress(ctx: Context, deps: Deps, posted: PostedReplies, action: string): Promise<void> {
  const origin = await originOf(ctx, { log: deps.log });
  const reply = await deps.router.press(action, origin);
  const message = ctx.callbackQuery?.message;
  const inlineMessageId = ctx.callbackQuery?.inline_message_id;

  if (!message) {
    // A message sent through inline mode: its chat is unknown, so the reply replaces it when it fits.
    const rendered = render(deps, reply, origin.locale, 'inline');
    if (inlineMessageId && !reply.private && rendered.parts.length === 1) {
      await editRendered(ctx.api, { inlineMessageId }, rendered);
      await answer(ctx, deps);
    } else await answerPrivately(ctx, deps, origin, reply, action);
    return;
  }
  const kind = origin.chat.kind;
  // Presses of one chat are handled in order (sequentialize), so this check and the add cannot race.
  const key = `${message.chat.id}:${message.message_id}:${action}`;
  const repeat = kind === 'group' && !reply.edit && posted.has(key);
  if (kind !== 'private' && (reply.private || (kind === 'channel' && !reply.edit) || repeat)) {
    await answerPrivately(ctx, deps, origin, reply, action);
    return;
  }
  const rendered = render(deps, reply, origin.locale, kind);
  if (reply.edit && (await edited(ctx, message.chat.id, message.message_id, rendered))) {
    const rest = rendered.parts.slice(1);
    if (rest.length > 0 || rendered.files)
      await sendRendered(ctx.api, deps, message.chat.id, { ...rendered, parts: rest });
  } else {
    if (kind === 'group') posted.add(key);
    try {
      await sendRendered(ctx.api, deps, message.chat.id, rendered);
    } catch (error) {
      // Nothing reached the group: a later press may post it. A part that did stays counted.
      if (!(error instanceof PartialSendError)) posted.delete(key);
      throw error;
    }
  }
  await answer(ctx, deps);
}

/** Registers the callback query handlers. A failure is answered by the bot's error handler. */
export function registerCallbacks(bot: Bot, deps: Deps): void {
  const posted = new PostedReplies();
  bot.on('callback_query:data', (ctx) => onPress(ctx, deps, posted, ctx.callbackQuery.data));
  // Presses without data (games) are answered so the button stops spinning.
  bot.on('callback_query', (ctx) => answer(ctx, deps));
}
