/**
 * /review: your spaced-repetition queue. Rate an answer after reading it (the buttons under every
 * answer), and FSRS brings the question back when you are about to forget it.
 */

import type { Grade } from 'ts-fsrs';
import {
  isFollowUpCardId,
  type ReviewCard,
  reviewCard,
  reviewCardId,
} from '../src/features/knowledge/cards.ts';
import { followUpReviewCard } from '../src/features/knowledge/followup-views.ts';
import type { Entry } from '../src/features/knowledge/schema.ts';
import { categoryName, entryAnswer, entryCard, requireEntry } from '../src/features/knowledge/views.ts';
import { ratePlanned } from '../src/features/plan/rate.ts';
import { planNext } from '../src/features/plan/schedule.ts';
import { planRest, statusLine } from '../src/features/plan/views.ts';
import { decodeTicks, gradeFromPoints, keyPoints } from '../src/features/review/grade.ts';
import {
  pointsDoneId,
  pointsOpenId,
  pointsReply,
  pointsSummary,
  pointsTickId,
} from '../src/features/review/points-view.ts';
import {
  gradeName,
  parseGrade,
  reviewNextId,
  reviewRateId,
  timeUntil,
  userKey,
} from '../src/features/review/review.ts';
import { bindButton, button, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';
import type { CommandContext } from '../src/kernel/context.ts';
import { UserError } from '../src/kernel/errors.ts';
import { chatKey } from '../src/kernel/identity.ts';
import type { Reply } from '../src/kernel/reply.ts';
import { optionalWrite } from '../src/store/optional-write.ts';
import { quizNext } from './quiz.ts';

/** The next due question. Your queue is yours: in a group it opens in a private chat (`reopen`). */
async function next(ctx: CommandContext): Promise<Reply> {
  const { store, kb, now } = ctx.services;
  const at = now().getTime();
  const user = await userKey(ctx);
  const stats = await store.reviews.stats(user, at);
  // An active interview-date plan picks today's cards (due, then new focus ones, within its cap).
  const planned = await planNext(ctx.services, user, at);
  if (planned?.kind === 'rest') return { ...planRest(ctx, planned), reopen: reviewNext.action() };
  // Cards (entries, follow-ups) removed from the knowledge base since they were rated are skipped.
  const card: ReviewCard | undefined = planned
    ? planned.card
    : (await store.reviews.due(user, at, 20))
        .map((id) => reviewCard((e) => kb.get(e), id))
        .find((c) => c !== undefined);
  if (!card) {
    if (stats.total === 0) return { body: ctx.t('review.empty'), private: true, reopen: reviewNext.action() };
    const nextDue = stats.nextDue === null ? '' : timeUntil(ctx, stats.nextDue, at);
    return {
      body: ctx.t('review.done', { total: stats.total, next: nextDue }),
      buttons: [[{ label: ctx.t('common.nextQuestion'), action: quizNext.action() }]],
      private: true,
      reopen: reviewNext.action(),
    };
  }
  const footer = planned
    ? ctx.t.plain('plan.review', { status: statusLine(ctx, planned.load) })
    : ctx.t.plain('review.queue', { due: stats.due, total: stats.total });
  // A due follow-up (追问): its question under its entry's, revealed with the follow-up's own buttons.
  if (card.kind === 'followup')
    return { ...followUpReviewCard(ctx, card.place, footer), reopen: reviewNext.action() };
  const { entry } = card;
  const reply = entryCard(ctx, entry, [
    [
      {
        label: ctx.t('common.revealAnswer'),
        action: reviewAnswer.action(entry.id),
        style: 'primary',
      },
    ],
  ]);
  return {
    ...reply,
    title: `${ctx.t.plain('review.title', { category: categoryName(ctx, entry.category) })}\n${entry.question}`,
    footer,
    private: true,
    reopen: reviewNext.action(),
  };
}

/** review:ans:<id> shows the answer with the rating buttons. */
const reviewAnswer = button(
  'review',
  'ans',
  (ctx, [id = '']) => ({ ...entryAnswer(ctx, requireEntry(ctx, id)), private: true }),
  { readOnly: true },
);

/** review:next shows the next due question. */
const reviewNext = bindButton(reviewNextId, (ctx) => next(ctx), { readOnly: true });

/**
 * Records a rating for the person who pressed and tells when the card comes back: the one path of the
 * one-tap ratings (of entries and of follow-ups, by card id) and of grading by key points (FSRS, then
 * `onReviewed` for streaks).
 */
async function rated(ctx: CommandContext, cardId: string, grade: Grade): Promise<Reply> {
  const now = ctx.services.now();
  // FSRS, adjusted by an active interview-date plan (its retention, its daily load).
  const record = await ratePlanned(ctx.services, await userKey(ctx), cardId, grade, now);
  const reviewed = {
    user: await userKey(ctx),
    chatKey: chatKey(ctx.platform, ctx.chat.id),
    at: now.getTime(),
    // A follow-up's rating is not a rating of the daily post's entry.
    ...(isFollowUpCardId(cardId) ? {} : { entryId: cardId }),
    grade,
  };
  // The rating is saved; a streak day that cannot be written does not undo it.
  await optionalWrite(ctx.services, 'review-activity', async () => await ctx.services.onReviewed?.(reviewed));
  const due = (await ctx.services.store.reviews.stats(await userKey(ctx), now.getTime())).due;
  const text = ctx.t('review.rated', {
    grade: gradeName(ctx, grade),
    next: timeUntil(ctx, record.due, now.getTime()),
  });
  return {
    body: due > 0 ? `${text}\n${ctx.t('review.dueNow', { due })}` : text,
    buttons: [[{ label: ctx.t('review.continue'), action: reviewNext.action() }]],
    private: true,
  };
}

/** The card a rating button names (an entry, or a follow-up `<entry>.<follow-up>`), or a UserError. */
function requireCard(ctx: CommandContext, id: string): ReviewCard {
  const cardId = id.trim().toLowerCase();
  const card = reviewCard((e) => ctx.services.kb.get(e), cardId);
  if (card) return card;
  throw isFollowUpCardId(cardId)
    ? new UserError('followup.unknown', { id })
    : new UserError('common.unknownEntry', { id });
}

/** review:rate:<card id>:<grade> records a rating (1 again … 4 easy) of an entry or a follow-up. */
const reviewRate = bindButton(reviewRateId, async (ctx, [id = '', g]) => {
  const card = requireCard(ctx, id);
  const grade = parseGrade(g);
  if (grade === undefined) throw new UserError('review.badRating');
  return await rated(ctx, reviewCardId(card), grade);
});

/** The entry and ticked points of a grading button, or a UserError for a forged or stale one. */
function ticks(ctx: CommandContext, id: string, mask: string | undefined): [Entry, Set<number>] {
  const entry = requireEntry(ctx, id);
  const ticked = decodeTicks(mask, keyPoints(entry).length);
  if (!ticked) throw new UserError('points.bad');
  return [entry, ticked];
}

/** review:pts:<id> opens the key-point grading message, nothing ticked, for the presser alone. */
const pointsOpen = bindButton(
  pointsOpenId,
  (ctx, [id = '']) => pointsReply(ctx, requireEntry(ctx, id), new Set(), { edit: false }),
  { readOnly: true },
);

/** review:tick:<id>:<mask> shows the grading message again with these points ticked, in place. */
const pointsTick = bindButton(
  pointsTickId,
  (ctx, [id = '', mask]) => pointsReply(ctx, ...ticks(ctx, id, mask), { edit: true }),
  { readOnly: true },
);

/** review:ptsok:<id>:<mask> rates by the ticked points (grade.ts), in place of the grading message. */
const pointsDone = bindButton(pointsDoneId, async (ctx, [id = '', mask]) => {
  const [entry, ticked] = ticks(ctx, id, mask);
  const points = keyPoints(entry);
  const reply = await rated(ctx, entry.id, gradeFromPoints(points, ticked));
  // The must-say points' tallies, for /stats; failing to write them does not undo the rating.
  const graded = points.flatMap((p, i) => (p.must ? [{ point: p.text, missed: !ticked.has(i) }] : []));
  const at = ctx.services.now().getTime();
  await optionalWrite(
    ctx.services,
    'key-points',
    async () => await ctx.services.keyPoints.record(await userKey(ctx), entry.id, graded, at),
  );
  return { ...reply, body: `${pointsSummary(ctx, entry, ticked)}\n${reply.body}`, edit: true };
});

export default defineCommand({
  name: 'review',
  description: { 'zh-CN': '按遗忘曲线复习学过的题', en: 'Review what you studied, on a forgetting curve' },
  replies: 'private',
  run: (ctx) => next(ctx),
  // review:rate records a rating: it needs a signed link.
  ...buttonsOf('review', reviewAnswer, reviewRate, reviewNext, pointsOpen, pointsTick, pointsDone),
});
