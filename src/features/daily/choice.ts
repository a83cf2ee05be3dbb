/**
 * The daily question's multiple-choice side (issue #11 §5): the post that asks the entry's
 * multiple-choice item (a native quiz poll on Telegram, anonymous and unscored in channels; A–D buttons
 * on Discord), and the community's result the reveal shows: how many answered that posting and the share
 * right, only when at least `MIN_RESULT_PEOPLE` took part (fewer would say too much about each person).
 * The people counted are those who answered the multiple-choice question and those who rated that day's
 * card in the chat before the reveal (`ratings.ts`), each once: a person who did both counts by their
 * answer; a rating of 记得 / 简单 counts as right, 忘了 / 模糊 as wrong.
 */
import type { Services } from '../../kernel/context.ts';
import { chatKey } from '../../kernel/identity.ts';
import type { Reply } from '../../kernel/reply.ts';
import type { Entry } from '../knowledge/schema.ts';
import { type Asked, correctIndex, itemOf, questionId } from '../mcq/asked.ts';
import { randomOrder } from '../mcq/order.ts';
import { questionReply } from '../mcq/views.ts';
import { subscriptionContext } from './messages.ts';
import type { PostFormat, Subscription } from './store.ts';

/** Fewer people than this: the reveal says nothing about how the chat answered. */
export const MIN_RESULT_PEOPLE = 3;

/** The format a post of this entry takes: a format with a choice falls back to the flashcard without items. */
export function formatFor(sub: Subscription, entry: Entry): PostFormat {
  const format = sub.format ?? 'flashcard';
  return (entry.choices?.length ?? 0) > 0 ? format : 'flashcard';
}

/** The post asking one of the entry's items (a random one, options in a random order), and its ledger id. */
export function choicePost(
  services: Services,
  sub: Subscription,
  entry: Entry,
  sentAt: number,
): { reply: Reply; questionId: string; asked: Asked } | null {
  const items = entry.choices?.length ?? 0;
  if (items === 0) return null;
  const asked: Asked = {
    entryId: entry.id,
    item: Math.min(items - 1, Math.floor(services.random() * items)),
    order: randomOrder(services.random),
    sentAt,
    locale: sub.locale,
  };
  const reply = questionReply(subscriptionContext(services, sub), entry, asked, 0);
  return { reply, questionId: questionId(asked), asked };
}

/** The item index a ledger question id (`<entry>.<item>.<order>.<sent>`) names. */
function itemIndex(id: string): number {
  const parts = id.split('.');
  return Number(parts[parts.length - 3]);
}

/**
 * How a chat did on one post (slot `slot`): the people who answered its question `id` (if it asked one)
 * or rated its card there before the reveal, each once, and those right.
 */
export async function communityCounts(
  services: Services,
  sub: Subscription,
  entry: Entry,
  post: { id: string | null | undefined; slot: string },
): Promise<{ answered: number; correct: number }> {
  const { id, slot } = post;
  const choice = id ? itemOf(entry, { item: itemIndex(id) }) : undefined;
  const chat = chatKey(sub.platform, sub.chatId);
  let answered = 0;
  let correct = 0;
  if (id)
    for (const c of await services.scores.counts(chat, id)) {
      answered += c.count;
      if (choice && c.chosen === correctIndex(choice)) correct += c.count;
    }
  for (const r of await services.store.dailyRatings.ratings(chat, slot)) {
    if (id && (await services.scores.answerOf(chat, r.userKey, id))) continue;
    answered += 1;
    if (r.good) correct += 1;
  }
  return { answered, correct };
}

/** The reveal's result line ("📊 23 people answered, 61 % right"), or null below the privacy floor. */
export async function resultLine(
  services: Services,
  sub: Subscription,
  entry: Entry,
  post: { id: string | null | undefined; slot: string },
): Promise<string | null> {
  const { answered, correct } = await communityCounts(services, sub, entry, post);
  if (answered < MIN_RESULT_PEOPLE) return null;
  const percent = Math.round((100 * correct) / answered);
  return subscriptionContext(services, sub).t('daily.result', { answered, percent });
}
