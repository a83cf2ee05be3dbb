/**
 * A press of an answer button: recorded once in the scores ledger (the first press of each person to
 * each posting; a later one is told what they answered), and fed to the person's FSRS review (wrong:
 * Again, right: Good) unless they rated the entry themselves after the question was posted; under an
 * interview-date plan, an answer to a new or due card counts in the day's load like a /review rating.
 */
import type { CommandContext } from '../../kernel/context.ts';
import { UserError } from '../../kernel/errors.ts';
import { chatKey } from '../../kernel/identity.ts';
import type { Reply } from '../../kernel/reply.ts';
import { optionalWrite } from '../../store/optional-write.ts';
import { requireEntry, showAnswer } from '../knowledge/views.ts';
import { learnerKey } from '../link/learner.ts';
import { ratePlanned } from '../plan/rate.ts';
import { rate } from '../review/review.ts';
import {
  type Asked,
  correctIndex,
  itemOf,
  mcqNextId,
  parseAnswer,
  questionId,
  shownLetter,
} from './asked.ts';
import { closedNote, closedReply } from './closed.ts';
import { isClosed } from './closings.ts';
import { orderAt } from './order.ts';
import { questionReply, verdictBody } from './views.ts';

/** A question sent later than this far in the future is a forged button (clocks drift by less). */
const FUTURE_SLACK_MS = 5 * 60_000;

/** FSRS grades an answer feeds: Again for a wrong one, Good for a right one. */
const AGAIN = 1;
const GOOD = 3;

/** The button to the entry's full answer card, and one for another question. */
export function fullAnswer(ctx: CommandContext, entryId: string) {
  return [
    [
      { label: ctx.t.plain('mcq.fullAnswer'), action: showAnswer.action(entryId) },
      { label: ctx.t.plain('mcq.another'), action: mcqNextId.action() },
    ],
  ];
}

/** Feeds the answer to FSRS unless the person rated the entry after the question was posted. */
async function feedReview(
  ctx: CommandContext,
  entryId: string,
  asked: Asked,
  correct: boolean,
  at: Date,
): Promise<void> {
  const reviews = ctx.services.store.reviews;
  const user = await learnerKey(ctx);
  const previous = await reviews.get(user, entryId);
  if (previous && previous.updatedAt > asked.sentAt) return;
  const grade = correct ? GOOD : AGAIN;
  // An answer to a new or due card is a review of it: an interview-date plan counts it in today's load
  // (and schedules it at the plan's retention). A card not yet due is only rescheduled.
  if (!previous || previous.due <= at.getTime()) await ratePlanned(ctx.services, user, entryId, grade, at);
  else await rate(reviews, user, entryId, grade, at);
}

/**
 * Answers a press of `mcq:a:…`: a private verdict with the explanation and a button to the full answer,
 * and the question redrawn with its new count of answers (`refresh`). After the question closed: the
 * right answer and why, nothing recorded (and the question redrawn closed if it does not show so yet).
 * @throws UserError for a malformed or stale button.
 */
export async function answerPress(ctx: CommandContext, args: readonly string[]): Promise<Reply> {
  const parsed = parseAnswer(args);
  if (!parsed) throw new UserError('mcq.stale');
  const { asked, shown } = parsed;
  const entry = requireEntry(ctx, asked.entryId);
  const choice = itemOf(entry, asked);
  const now = ctx.services.now();
  if (!choice || asked.sentAt > now.getTime() + FUTURE_SLACK_MS) throw new UserError('mcq.stale');
  const { scores } = ctx.services;
  const chat = chatKey(ctx.platform, ctx.chat.id);
  const user = await learnerKey(ctx);
  const id = questionId(asked);
  const own = orderAt(asked.order)?.[shown] ?? 0;
  const correct = own === correctIndex(choice);
  const closing = await ctx.services.store.closings.get(chat, id);
  if (isClosed(closing, now.getTime())) {
    return {
      body: closedNote(ctx, entry, asked),
      buttons: fullAnswer(ctx, entry.id),
      private: true,
      ...(closing?.shownAt == null ? { refresh: await closedReply(ctx, entry, asked, closing?.title) } : {}),
    };
  }
  // One transaction for the answer and the review it feeds: one commit per press instead of one per
  // statement. The review writes in a nested one (a savepoint): if it fails, the answer stays recorded.
  const { store } = ctx.services;
  const recorded = await store.transaction(async () => {
    const isNew = await scores.record({
      platform: ctx.platform,
      chatKey: chat,
      userKey: user,
      userName: ctx.user.name ?? ctx.user.id,
      questionId: id,
      entryId: entry.id,
      category: entry.category,
      item: asked.item,
      chosen: own,
      correct,
      answeredAt: now.getTime(),
      timeMs: Math.max(0, now.getTime() - asked.sentAt),
    });
    if (isNew)
      await optionalWrite(ctx.services, 'mcq-review', () =>
        store.savepoint(() => feedReview(ctx, entry.id, asked, correct, now)),
      );
    return isNew;
  });
  if (!recorded) {
    const earlier = await scores.answerOf(chat, user, id);
    return {
      body: ctx.t('mcq.already', { letter: shownLetter(asked.order, earlier?.chosen ?? own) }),
      buttons: fullAnswer(ctx, entry.id),
      private: true,
    };
  }
  const answered = (await scores.counts(chat, id)).reduce((sum, c) => sum + c.count, 0);
  return {
    body: verdictBody(ctx, choice, asked, own),
    buttons: fullAnswer(ctx, entry.id),
    private: true,
    refresh: questionReply(ctx, entry, asked, answered, closing?.kind === 'mcq'),
  };
}
