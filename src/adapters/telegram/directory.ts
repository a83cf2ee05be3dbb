/**
 * The chat directory the daily question uses on Telegram (src/features/daily/directory.ts): find the chat
 * an admin names (`@channel`, a numeric id) with getChat, and check admins and, when asked, the bot's
 * own rights with getChatMember (cached briefly), so a channel can be subscribed from a private chat.
 * How people name chats (`@channel`, `t.me/…`) comes from ./references.ts.
 */
import { type Api, GrammyError } from 'grammy';
import type { ChatMember } from 'grammy/types';
import type { ChatDirectory, DirectoryChat } from '../../features/daily/directory.ts';
import { isAdminStatus, type MemberCache } from './members.ts';
import { telegramChatReferences } from './references.ts';

function canPost(kind: DirectoryChat['kind'], member: ChatMember): boolean {
  if (kind === 'channel')
    return (
      member.status === 'creator' || (member.status === 'administrator' && member.can_post_messages === true)
    );
  if (member.status === 'restricted') return member.can_send_messages;
  return member.status === 'member' || isAdminStatus(member);
}

/** A ChatDirectory over a bot's API; `botId` is the bot's own user id; `members` caches getChatMember. */
export function telegramDirectory(api: Api, botId: number, members: MemberCache): ChatDirectory {
  return {
    ...telegramChatReferences,
    async resolveChat(reference, options = {}) {
      let chat: Awaited<ReturnType<Api['getChat']>>;
      try {
        chat = await api.getChat(reference);
      } catch (error) {
        // "chat not found", or a chat the bot cannot see: not a network failure.
        if (error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403))
          return null;
        throw error;
      }
      const kind: DirectoryChat['kind'] =
        chat.type === 'channel' ? 'channel' : chat.type === 'private' ? 'private' : 'group';
      const name = chat.username ? `@${chat.username}` : String(chat.id);
      const title = 'title' in chat && chat.title ? chat.title : name;
      if (!options.checkPosting) return { id: String(chat.id), kind, title };
      let botCanPost = false;
      try {
        botCanPost = canPost(kind, await members.get(api, chat.id, botId));
      } catch (error) {
        if (!(error instanceof GrammyError)) throw error;
      }
      return { id: String(chat.id), kind, title, botCanPost };
    },
    async isChatAdmin(chatId, userId) {
      return isAdminStatus(await members.get(api, chatId, Number(userId)));
    },
  };
}
