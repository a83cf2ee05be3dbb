/**
 * A reply's multiple-choice question (`Reply.choice`) as a native Telegram quiz poll: `sendPoll` with
 * `type: "quiz"`, the right option and the explanation Telegram shows after a vote. Not anonymous in
 * private chats and groups, so each `poll_answer` names who answered; channels allow only anonymous
 * polls, which are posted unscored. A scored poll is remembered (`services.polls`) with its chat and
 * the answer action of each option, since a poll answer names only the poll.
 */
import type { Api } from 'grammy';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { chatKey } from '../../kernel/identity.ts';
import type { ReplyChoice } from '../../kernel/reply.ts';
import type { Services } from '../../kernel/services.ts';

/** A quiz poll ready to send. */
export interface QuizPoll {
  choice: ReplyChoice;
  /** Where it goes: a channel's poll is anonymous and unscored. */
  place: 'private' | 'group' | 'channel';
  keyboard: InlineKeyboardMarkup | undefined;
}

/** The `sendPoll` parameters of a quiz poll (Telegram's limits are checked when the bank loads). */
export function pollParameters(poll: QuizPoll) {
  const { choice, place, keyboard } = poll;
  return {
    type: 'quiz' as const,
    is_anonymous: place === 'channel',
    correct_option_id: choice.correct,
    explanation: choice.explanation,
    ...(choice.openSeconds ? { open_period: choice.openSeconds } : {}),
    ...(keyboard ? { reply_markup: keyboard } : {}),
  };
}

/** Sends a quiz poll to a chat and remembers it when it is scored; resolves to the sent message. */
export async function sendQuizPoll(
  api: Api,
  chatId: number | string,
  poll: QuizPoll,
  services: Pick<Services, 'polls' | 'now'>,
  options: { replyTo?: number | undefined } = {},
): Promise<Message> {
  const answers = poll.choice.options.map((text) => ({ text }));
  const sent = await api.sendPoll(chatId, poll.choice.question, answers, {
    ...pollParameters(poll),
    ...(options.replyTo
      ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
      : {}),
  });
  if (poll.place !== 'channel' && sent.poll) {
    await services.polls?.remember({
      pollId: sent.poll.id,
      chatKey: chatKey('telegram', String(sent.chat.id)),
      chatKind: poll.place,
      answers: poll.choice.answers,
      sentAt: services.now().getTime(),
    });
  }
  return sent;
}
