/**
 * An optional capability of a platform's outbox: finding a chat a person names and telling whether a
 * user administers it. Telegram offers it (getChat, getChatMember), so an admin can subscribe a channel
 * from a private chat with the bot: `/daily subscribe 08:00 @mychannel`. The core never calls a
 * platform API itself; it asks the outbox the scheduler was given.
 */
import type { Chat } from '../../kernel/context.ts';
import type { Outbox } from '../../kernel/outbox.ts';

/** A chat found by the directory. */
export interface DirectoryChat {
  /** The platform's chat id (Telegram: `-100…` for channels and supergroups). */
  id: string;
  kind: Chat['kind'];
  /** The chat's title or @username, for messages. */
  title: string;
  /**
   * Whether the bot may post there (Telegram channel: it is an administrator allowed to post); present
   * only when `resolveChat` was asked to check it.
   */
  botCanPost?: boolean;
}

/** Finds chats and their admins on one platform. */
export interface ChatDirectory {
  /**
   * The chat a reference names: `@username` or a numeric id (as `chatReference` normalises them);
   * null when it does not exist or the bot cannot see it. `checkPosting` also asks whether the bot may
   * post there (only commands that post need it). May throw on a network failure.
   */
  resolveChat(reference: string, options?: { checkPosting?: boolean }): Promise<DirectoryChat | null>;
  /** True when the user is the chat's creator or one of its administrators. May throw on a network failure. */
  isChatAdmin(chatId: string, userId: string): Promise<boolean>;
}

/** True when an outbox also offers a chat directory. */
export function hasDirectory(outbox: Outbox): outbox is Outbox & ChatDirectory {
  const o = outbox as Outbox & Partial<ChatDirectory>;
  return typeof o.resolveChat === 'function' && typeof o.isChatAdmin === 'function';
}

/**
 * Normalises what a person typed to name a chat: `@name`, `t.me/name` or `https://t.me/name` become
 * `@name`; a numeric id (`-1001234567890`) stays as it is; anything else is null.
 */
export function chatReference(text: string): string | null {
  const t = text.trim();
  const link = /^(?:https?:\/\/)?(?:t\.me|telegram\.me)\/([A-Za-z][A-Za-z0-9_]{3,31})\/?$/i.exec(t);
  const name = link?.[1] ?? /^@([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(t)?.[1];
  if (name) return `@${name}`;
  return /^-?\d{5,20}$/.test(t) ? t : null;
}

/** True for text that looks like a chat reference rather than a time, a zone or a number of hours. */
export function looksLikeChatReference(text: string): boolean {
  const t = text.trim();
  return t.startsWith('@') || /^(?:https?:\/\/)?(?:t\.me|telegram\.me)\//i.test(t) || /^-100\d+$/.test(t);
}
