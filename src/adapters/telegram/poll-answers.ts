/**
 * Answers of quiz polls (`poll_answer` updates, received in polling and webhook mode alike): the poll's
 * remembered chat and the answer action of the chosen option go to the router as a press of that
 * option's button, in the poll's chat, so the answer is recorded once like any other. Telegram shows the
 * verdict and explanation in the poll itself, so the reply is not sent.
 */
import type { Bot } from 'grammy';
import { pickLocale } from '../../kernel/i18n.ts';
import { parseChatKey } from '../../kernel/identity.ts';
import type { Deps } from './send.ts';

/** Registers the handler of poll answers. A retracted vote (no option) and unknown polls are ignored. */
export function registerPollAnswers(bot: Bot, deps: Deps): void {
  bot.on('poll_answer', async (ctx) => {
    const { poll_id: pollId, option_ids: chosen, user } = ctx.pollAnswer;
    const option = chosen[0];
    if (option === undefined || !user) return;
    const poll = await deps.router.services.polls?.recall(pollId);
    const action = poll?.answers[option];
    const chat = poll && parseChatKey(poll.chatKey);
    if (!poll || !action || !chat) {
      deps.log.debug({ poll: pollId }, 'telegram answer of an unknown poll ignored');
      return;
    }
    const name = user.username ? `@${user.username}` : [user.first_name, user.last_name].join(' ').trim();
    await deps.router.press(action, {
      platform: 'telegram',
      chat: { id: chat.chatId, kind: poll.chatKind },
      user: { id: String(user.id), name, admin: false },
      locale: pickLocale(user.language_code),
    });
  });
}
