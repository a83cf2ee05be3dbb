/**
 * Sending a daily post in its subscription's format: the flashcard, the entry's multiple-choice item,
 * or both (the flashcard, then the choice). For `both`, the flashcard's message id is recorded on the
 * delivery as soon as it is out, so a retry of a failed choice does not post the flashcard again. The
 * choice's closing (`mcq/closings.ts`) is stored before it is sent, closing at the reveal (never without
 * one), and given its message id once out: the round runner's closer then redraws it closed.
 */
import type { Services } from '../../kernel/context.ts';
import { chatKey } from '../../kernel/identity.ts';
import type { Outbox, SendOptions } from '../../kernel/outbox.ts';
import type { Entry } from '../knowledge/schema.ts';
import { choicePost, formatFor } from './choice.ts';
import { postReply } from './messages.ts';
import { rolePing } from './role-ping.ts';
import type { Delivery, RoleSkip, Subscription } from './store.ts';

/** What a post sent: the message the reveal answers (and a thread starts on), and the question it asked. */
export interface PostSent {
  messageId: string;
  /** The multiple-choice question's ledger id; null for a flashcard alone. */
  questionId: string | null;
  /** Why the subscription's role was not mentioned (see `role-ping.ts`). */
  roleSkip?: RoleSkip | null;
}

/** What sending a post needs. */
export interface PostEnv {
  services: Services;
  outbox: Outbox;
  /** Records the first message of a two-message post on the delivery (still `sending`). */
  markFirst(messageId: string): void;
}

/** Sends a post; `at.revealAt` is when its answer comes (null: no scheduled reveal). */
export async function sendPost(
  env: PostEnv,
  post: { delivery: Delivery; subscription: Subscription; entry: Entry },
  at: { now: number; revealAt: number | null },
): Promise<PostSent> {
  const { delivery: d, subscription: sub, entry } = post;
  const { services, outbox } = env;
  const format = formatFor(sub, entry);
  let first = format === 'both' ? d.messageId : null;
  // The role is checked only before the first message of a post (a retry of its second sends no ping).
  const ping = first ? { skip: null } : await rolePing(outbox, sub, services.log);
  const mention = ping.mentionRole ? { mentionRole: ping.mentionRole } : {};
  const options: SendOptions = { locale: sub.locale, ...mention };
  if (format !== 'choice' && !first) {
    const card = postReply(services, sub, entry, { postedAt: at.now, revealAt: at.revealAt });
    first = await outbox.send(sub.chatId, card, options);
    if (format === 'flashcard') return { messageId: first, questionId: null, roleSkip: ping.skip };
    env.markFirst(first);
  }
  const choice = choicePost(services, sub, entry, at.now);
  if (!choice) throw new Error(`entry ${entry.id} has no multiple-choice item`);
  const key = chatKey(sub.platform, sub.chatId);
  await services.store.closings.open({
    ...choice.asked,
    chatKey: key,
    questionId: choice.questionId,
    kind: 'daily',
    platform: sub.platform,
    chatId: sub.chatId,
    title: null,
    owner: null,
    messageId: null,
    closeAt: at.revealAt,
    shownAt: null,
  });
  // The role is mentioned once, on the first message of the post.
  const messageId = await outbox.send(sub.chatId, choice.reply, first ? { locale: sub.locale } : options);
  await services.store.closings.sent(key, choice.questionId, messageId);
  return { messageId: first ?? messageId, questionId: choice.questionId, roleSkip: ping.skip };
}
