/**
 * How a person names a Telegram chat in a command: `@name`, `t.me/name`, `https://t.me/name` or a
 * numeric id. The daily feature reads them through `ChatReferences` (src/features/daily/directory.ts).
 */
import type { ChatReferences } from '../../features/daily/directory.ts';

const LINK = /^(?:https?:\/\/)?(?:t\.me|telegram\.me)\/([A-Za-z][A-Za-z0-9_]{3,31})\/?$/i;
const USERNAME = /^@([A-Za-z][A-Za-z0-9_]{3,31})$/;

/**
 * Normalises what a person typed to name a chat: `@name`, `t.me/name` or `https://t.me/name` become
 * `@name`; a numeric id (`-1001234567890`) stays as it is; anything else is null.
 */
export function chatReference(text: string): string | null {
  const t = text.trim();
  const name = LINK.exec(t)?.[1] ?? USERNAME.exec(t)?.[1];
  if (name) return `@${name}`;
  return /^-?\d{5,20}$/.test(t) ? t : null;
}

/** True for text that looks like a chat reference rather than a time, a zone or a number of hours. */
export function looksLikeChatReference(text: string): boolean {
  const t = text.trim();
  return t.startsWith('@') || /^(?:https?:\/\/)?(?:t\.me|telegram\.me)\//i.test(t) || /^-100\d+$/.test(t);
}

/** Telegram's chat references, as the daily feature asks for them. */
export const telegramChatReferences: ChatReferences = {
  parseReference: chatReference,
  looksLikeReference: looksLikeChatReference,
};
