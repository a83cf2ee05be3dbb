/**
 * Chat members, briefly cached: every admin-only command in a group and every `/daily … @channel` asks
 * Telegram who someone is (`getChatMember`); the answer is kept for a minute per chat and user, and
 * dropped at once when a `chat_member` or `my_chat_member` update says it changed.
 */
import type { Api } from 'grammy';
import type { ChatMember } from 'grammy/types';

/** How long a member's status is trusted without asking again. */
export const MEMBER_TTL_MS = 60_000;

/** Entries kept at most; the oldest go first. */
const MAX_ENTRIES = 10_000;

interface Cached {
  member: ChatMember;
  until: number;
}

/** getChatMember with a short cache. */
export class MemberCache {
  readonly #entries = new Map<string, Cached>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** The member's status in the chat, from the cache when it is fresh, else from Telegram. */
  async get(api: Api, chatId: number | string, userId: number): Promise<ChatMember> {
    const key = `${chatId}:${userId}`;
    const cached = this.#entries.get(key);
    if (cached && cached.until > this.#now()) return cached.member;
    const member = await api.getChatMember(chatId, userId);
    this.#entries.delete(key);
    this.#entries.set(key, { member, until: this.#now() + MEMBER_TTL_MS });
    if (this.#entries.size > MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return member;
  }

  /** Drops what is known about a user in a chat (their status changed). */
  forget(chatId: number | string, userId: number): void {
    this.#entries.delete(`${chatId}:${userId}`);
  }
}

/** True for the chat's creator and its administrators. */
export function isAdminStatus(member: ChatMember): boolean {
  return member.status === 'creator' || member.status === 'administrator';
}
