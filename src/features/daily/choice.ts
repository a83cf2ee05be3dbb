/**
 * The daily question's multiple-choice side (issue #11 §5): the post that asks the entry's
 * multiple-choice item (a native quiz poll on Telegram, anonymous and unscored in channels; A–D buttons
 * on Discord), and the community's result the reveal shows: how many answered that posting and the share
 * right, only when at least `MIN_RESULT_PEOPLE` took part (fewer would say too much about each person).
 */
import type { Services } from '../../kernel/context.ts';
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

/** How a chat answered one asked question: people and those right. */
export function communityCounts(
  services: Services,
  sub: Subscription,
  entry: Entry,
  id: string,
): { answered: number; correct: number } {
  const choice = itemOf(entry, { item: itemIndex(id) });
  let answered = 0;
  let correct = 0;
  for (const c of services.scores.counts(sub.chatKey, id)) {
    answered += c.count;
    if (choice && c.chosen === correctIndex(choice)) correct += c.count;
  }
  return { answered, correct };
}

/** The reveal's result line ("📊 23 people answered, 61 % right"), or null below the privacy floor. */
export function resultLine(
  services: Services,
  sub: Subscription,
  entry: Entry,
  id: string | null | undefined,
): string | null {
  if (!id) return null;
  const { answered, correct } = communityCounts(services, sub, entry, id);
  if (answered < MIN_RESULT_PEOPLE) return null;
  const percent = Math.round((100 * correct) / answered);
  return subscriptionContext(services, sub).t('daily.result', { answered, percent });
}
