/**
 * Reply buttons as Telegram inline keyboards. An action button carries its action id as
 * `callback_data` (at most 64 bytes of UTF-8); a `private` action button outside a private chat becomes
 * a link that opens a private chat with the bot (`t.me/<bot>?start=<payload>`), so the answer reaches
 * only the person who pressed. A link button opens its URL.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { MAX_ACTION_BYTES } from '../../kernel/action.ts';
import type { Chat } from '../../kernel/context.ts';
import { type Button, type ButtonStyle, isActionButton } from '../../kernel/reply.ts';
import { isSafeUrl } from './render.ts';

/** Where a keyboard is shown: a chat of some kind, or a message sent through inline mode. */
export type KeyboardPlace = Chat['kind'] | 'inline';

/** Longest button label kept; longer ones are cut with an ellipsis. */
const MAX_LABEL = 64;

/** The `t.me` link that starts a private chat with the bot with a payload. */
export function startLink(botUsername: string, payload: string): string {
  return `https://t.me/${botUsername}?start=${payload}`;
}

function label(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  const clipped = chars.length > MAX_LABEL ? `${chars.slice(0, MAX_LABEL - 1).join('')}…` : chars.join('');
  return clipped || '·';
}

function style(s: ButtonStyle | undefined): { style?: 'primary' | 'success' | 'danger' } {
  return s && s !== 'secondary' ? { style: s } : {};
}

/** How to make a keyboard: the bot's username and the start payload of an action (signed when needed). */
export interface KeyboardOptions {
  botUsername: string;
  place: KeyboardPlace;
  startPayload: (action: string) => string | null;
}

/** One button, or null when it cannot be shown on Telegram (bad URL, action id too long). */
export function telegramButton(button: Button, options: KeyboardOptions): InlineKeyboardButton | null {
  const text = label(button.label);
  if (!isActionButton(button)) {
    return isSafeUrl(button.url) || /^tg:\/\/\S+$/i.test(button.url) ? { text, url: button.url } : null;
  }
  const bytes = Buffer.byteLength(button.action, 'utf8');
  if (bytes === 0 || bytes > MAX_ACTION_BYTES) return null;
  if (button.private && options.place !== 'private') {
    const payload = options.startPayload(button.action);
    // An action too long for a start payload stays a callback: the press is answered privately then.
    if (payload) return { text, url: startLink(options.botUsername, payload), ...style(button.style) };
  }
  return { text, callback_data: button.action, ...style(button.style) };
}

/** The inline keyboard of a reply's button rows, or undefined when no button can be shown. */
export function inlineKeyboard(
  rows: readonly (readonly Button[])[] | undefined,
  options: KeyboardOptions,
): InlineKeyboardMarkup | undefined {
  const keyboard = (rows ?? [])
    .map((row) => row.map((b) => telegramButton(b, options)).filter((b) => b !== null))
    .filter((row) => row.length > 0);
  return keyboard.length > 0 ? { inline_keyboard: keyboard } : undefined;
}
