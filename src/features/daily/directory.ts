/**
 * An optional capability of a platform's outbox: finding a chat a person names and telling whether a
 * user administers it. Telegram offers it (getChat, getChatMember), so an admin can subscribe a channel
 * from a private chat with the bot: `/daily subscribe 08:00 @mychannel`. The feature never calls a
 * platform API nor parses a platform's chat syntax itself; it asks the outbox the scheduler was given.
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

/**
 * How people name a chat on one platform (Telegram: `@name`, `t.me/name`, `-100…`). The platform's
 * adapter knows the syntax; the daily feature only asks.
 */
export interface ChatReferences {
  /** The reference in the one form `resolveChat` takes; null when the text names no chat. */
  parseReference(text: string): string | null;
  /** True for text shaped like a chat reference rather than a time, a zone or a number of hours. */
  looksLikeReference(text: string): boolean;
}

/**
 * The references of a platform without a chat directory: a handle (`@` then letters, digits or `_`) is
 * read as an attempt to name a chat, so the refusal can explain that this platform cannot; anything else
 * after an `@` is a malformed reference.
 */
export const noChatReferences: ChatReferences = {
  parseReference: (text) => (/^@[\p{L}\p{N}_]+$/u.test(text.trim()) ? text.trim() : null),
  looksLikeReference: (text) => text.trim().startsWith('@'),
};

/** Finds chats and their admins on one platform, and reads how people name them there. */
export interface ChatDirectory extends ChatReferences {
  /**
   * The chat a reference names, as `parseReference` normalised it;
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
  return (
    typeof o.resolveChat === 'function' &&
    typeof o.isChatAdmin === 'function' &&
    typeof o.parseReference === 'function' &&
    typeof o.looksLikeReference === 'function'
  );
}
