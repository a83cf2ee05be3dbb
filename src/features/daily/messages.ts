/**
 * What the daily question looks like: the post is the entry's question card with a button that shows
 * the answer privately to whoever presses it; the reveal is the answer with its references, sent as a
 * reply to the post. Both are in the chat's language (kept from the subscriber).
 */
import { button } from '../../kernel/button.ts';
import { type CommandContext, postingContext, type Services } from '../../kernel/context.ts';
import type { Reply } from '../../kernel/reply.ts';
import type { Entry } from '../knowledge/schema.ts';
import { entryAnswer, entryCard, requireEntry } from '../knowledge/views.ts';
import type { Subscription } from './store.ts';
import { formatLocal } from './time.ts';

/** daily:ans:<id> shows the answer to whoever pressed, privately. */
export const dailyAnswer = button(
  'daily',
  'ans',
  (ctx, [id = '']) => ({ ...entryAnswer(ctx, requireEntry(ctx, id)), private: true }),
  { readOnly: true },
);

/** The action id of the private answer button: `daily:ans:<entry id>`. */
export function answerAction(entryId: string): string {
  return dailyAnswer.action(entryId);
}

/** A context for building a subscription's posts outside of a command (the scheduler posting on its own). */
export function subscriptionContext(services: Services, subscription: Subscription): CommandContext {
  return postingContext(services, subscription, 'dlkb-daily');
}

/** The daily post: the question card, the date, a private answer button, and when the answer comes. */
export function postReply(
  services: Services,
  subscription: Subscription,
  entry: Entry,
  at: { postedAt: number; revealAt: number | null },
): Reply {
  const ctx = subscriptionContext(services, subscription);
  const card = entryCard(ctx, entry, [
    [
      {
        label: ctx.t('daily.answerPrivately'),
        action: answerAction(entry.id),
        style: 'primary',
        private: true,
      },
    ],
  ]);
  const date = formatLocal(at.postedAt, subscription.timezone).slice(0, 10);
  const footer =
    at.revealAt === null
      ? ctx.t('daily.postFooter')
      : ctx.t.plain('daily.postFooterReveal', {
          time: formatLocal(at.revealAt, subscription.timezone).slice(11),
        });
  return { ...card, title: `${ctx.t.plain('daily.postTitle', { date })}\n${entry.question}`, footer };
}

/**
 * The scheduled answer, posted as a reply to the question; `result` (the chat's own result on the
 * post's multiple-choice question, see `choice.ts`) heads the body when given.
 */
export function revealReply(
  services: Services,
  subscription: Subscription,
  entry: Entry,
  result: string | null = null,
): Reply {
  const ctx = subscriptionContext(services, subscription);
  const answer = entryAnswer(ctx, entry);
  const body = result ? `${result}\n\n${answer.body ?? ''}` : answer.body;
  return { ...answer, title: `${ctx.t('daily.revealTitle')}\n${entry.question}`, body };
}

/** The channel's pointer to a reveal posted in the post's thread: a line and a link button to it. */
export function revealLinkReply(services: Services, subscription: Subscription, url: string): Reply {
  const ctx = subscriptionContext(services, subscription);
  return {
    body: ctx.t('daily.revealInThread'),
    buttons: [[{ label: ctx.t.plain('daily.openReveal'), url }]],
  };
}
