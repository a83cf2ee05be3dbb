/** Who and where, the same on every platform: the platform, the chat a command came from, the person. */

/** The platforms dlkb runs on. */
export type Platform = 'discord' | 'telegram' | 'terminal';

/** Where a command was sent. */
export interface Chat {
  /** Platform-specific id, unique per platform. */
  id: string;
  kind: 'private' | 'group' | 'channel';
}

/** Who sent it. `admin` is computed by the adapter from the platform, server side. */
export interface User {
  id: string;
  name?: string;
  admin: boolean;
}

declare const chatKeyBrand: unique symbol;
declare const userKeyBrand: unique symbol;

/**
 * A chat as one string, `<platform>:<chat id>`: the key of everything stored per chat (quiz history,
 * daily subscriptions). Made only by `chatKey`, read only by `parseChatKey`.
 */
export type ChatKey = string & { readonly [chatKeyBrand]: true };

/** A person as one string, `<platform>:<user id>`: the key of their review records. Made by `userKey`. */
export type UserKey = string & { readonly [userKeyBrand]: true };

const PLATFORMS: readonly Platform[] = ['discord', 'telegram', 'terminal'];

/** The key of a chat of a platform. */
export function chatKey(platform: Platform, chatId: string): ChatKey {
  return `${platform}:${chatId}` as ChatKey;
}

/** The platform and chat id a chat key names, or null for a string that is not one. */
export function parseChatKey(key: string): { platform: Platform; chatId: string } | null {
  const colon = key.indexOf(':');
  const platform = PLATFORMS.find((p) => p === key.slice(0, colon));
  if (colon < 0 || !platform) return null;
  return { platform, chatId: key.slice(colon + 1) };
}

/** The key of a person's records on a platform. */
export function userKey(platform: Platform, userId: string): UserKey {
  return `${platform}:${userId}` as UserKey;
}

/** The platform and user id a user key names, or null for a string that is not one. */
export function parseUserKey(key: string): { platform: Platform; userId: string } | null {
  const chat = parseChatKey(key);
  return chat ? { platform: chat.platform, userId: chat.chatId } : null;
}
