/**
 * /review: your spaced-repetition queue. Rate an answer after reading it (the buttons under every
 * answer), and FSRS brings the question back when you are about to forget it.
 */

import { categoryName, entryAnswer, entryCard, requireEntry } from '../src/features/knowledge/views.ts';
import {
  gradeName,
  parseGrade,
  rate,
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
function next(ctx: CommandContext): Reply {
  const { store, kb, now } = ctx.services;
  const at = now().getTime();
  const user = userKey(ctx);
  const stats = store.reviews.stats(user, at);
  // Entries removed from the knowledge base since they were rated are skipped.
  const entry = store.reviews
    .due(user, at, 20)
    .map((id) => kb.get(id))
    .find((e) => e !== undefined);
  if (!entry) {
    if (stats.total === 0) return { body: ctx.t('review.empty'), private: true, reopen: reviewNext.action() };
    const nextDue = stats.nextDue === null ? '' : timeUntil(ctx, stats.nextDue, at);
    return {
      body: ctx.t('review.done', { total: stats.total, next: nextDue }),
      buttons: [[{ label: ctx.t('common.nextQuestion'), action: quizNext.action() }]],
      private: true,
      reopen: reviewNext.action(),
    };
  }
  const card = entryCard(ctx, entry, [
    [
      {
        label: ctx.t('common.revealAnswer'),
        action: reviewAnswer.action(entry.id),
        style: 'primary',
      },
    ],
  ]);
  return {
    ...card,
    title: `${ctx.t.plain('review.title', { category: categoryName(ctx, entry.category) })}\n${entry.question}`,
    footer: ctx.t.plain('review.queue', { due: stats.due, total: stats.total }),
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
const reviewNext = button('review', 'next', (ctx) => next(ctx), { readOnly: true });

/** review:rate:<id>:<grade> records a rating (1 again … 4 easy) for the person who pressed. */
const reviewRate = bindButton(reviewRateId, (ctx, [id = '', g]) => {
  const entry = requireEntry(ctx, id);
  const grade = parseGrade(g);
  if (grade === undefined) throw new UserError('review.badRating');
  const now = ctx.services.now();
  const record = rate(ctx.services.store.reviews, userKey(ctx), entry.id, grade, now);
  const reviewed = { user: userKey(ctx), chatKey: chatKey(ctx.platform, ctx.chat.id), at: now.getTime() };
  // The rating is saved; a streak day that cannot be written does not undo it.
  optionalWrite(ctx.services, 'review-activity', () => ctx.services.onReviewed?.(reviewed));
  const due = ctx.services.store.reviews.stats(userKey(ctx), now.getTime()).due;
  const rated = ctx.t('review.rated', {
    grade: gradeName(ctx, grade),
    next: timeUntil(ctx, record.due, now.getTime()),
  });
  return {
    body: due > 0 ? `${rated}\n${ctx.t('review.dueNow', { due })}` : rated,
    buttons: [[{ label: ctx.t('review.continue'), action: reviewNext.action() }]],
    private: true,
  };
});

export default defineCommand({
  name: 'review',
  description: { 'zh-CN': '按遗忘曲线复习学过的题', en: 'Review what you studied, on a forgetting curve' },
  replies: 'private',
  run: (ctx) => next(ctx),
  // review:rate records a rating: it needs a signed link.
  ...buttonsOf('review', reviewAnswer, reviewRate, reviewNext),
});
