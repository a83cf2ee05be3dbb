/**
 * The /stats reply: what a person answered (overall and per category, with a text bar), their streaks,
 * their reviews due, and their three weakest categories with a button to practise each.
 */
import { buttonId } from '../../kernel/button.ts';
import type { CommandContext } from '../../kernel/context.ts';
import { chatKey } from '../../kernel/identity.ts';
import { inlineCode } from '../../kernel/markdown.ts';
import type { ActionButton } from '../../kernel/reply.ts';
import { addDays, localDate, zonedInstant } from '../daily/time.ts';
import { categoryName } from '../knowledge/views.ts';
import { learnerKey } from '../link/learner.ts';
import { activeDays } from './activity.ts';
import { accuracy } from './rank.ts';
import type { CategoryTally } from './store.ts';
import { streakOf } from './streak.ts';
import { percent } from './top.ts';
import { chatZone } from './zone.ts';

/** `/quiz`'s next-question button (bound in commands/quiz.ts): practise one category. */
const practise = buttonId('quiz', 'next');
/** Cells of a text bar. */
const BAR_CELLS = 10;

/** How many weakest categories get a practise button. */
export const WEAKEST = 3;

/** `███████░░░`: a share from 0 to 1 as a bar of ten cells. */
export function textBar(share: number): string {
  const full = Math.round(Math.min(1, Math.max(0, share)) * BAR_CELLS);
  return '█'.repeat(full) + '░'.repeat(BAR_CELLS - full);
}

/** The weakest categories first: lowest accuracy, then more answers (more evidence), then id. */
export function weakest(categories: readonly CategoryTally[], count = WEAKEST): CategoryTally[] {
  return [...categories]
    .sort(
      (a, b) => accuracy(a) - accuracy(b) || b.answered - a.answered || a.category.localeCompare(b.category),
    )
    .slice(0, count);
}

function categoryLines(ctx: CommandContext, categories: readonly CategoryTally[]): string[] {
  const sorted = [...categories].sort(
    (a, b) => b.answered - a.answered || a.category.localeCompare(b.category),
  );
  return sorted.map((c) =>
    ctx.t('stats.categoryLine', {
      bar: inlineCode(`${textBar(accuracy(c))} ${String(percent(c)).padStart(3)}%`),
      category: categoryName(ctx, c.category),
      correct: c.correct,
      answered: c.answered,
    }),
  );
}

async function streakLines(ctx: CommandContext, today: string): Promise<string[]> {
  const user = await learnerKey(ctx);
  const s = streakOf(await activeDays(ctx.services, user), today);
  const lines = [ctx.t('stats.streak', { current: s.current, longest: s.longest })];
  if (s.frozen.length > 0) lines.push(ctx.t('stats.frozen', { days: s.frozen.join(', ') }));
  if (s.current > 0) lines.push(ctx.t(s.today ? 'stats.streakToday' : 'stats.streakOpen'));
  return lines;
}

async function reviewLine(ctx: CommandContext, today: string, zone: string): Promise<string> {
  const user = await learnerKey(ctx);
  const now = ctx.services.now().getTime();
  const endOfToday = zonedInstant(addDays(today, 1), 0, zone) - 1;
  const reviews = ctx.services.store.reviews;
  const overdue = (await reviews.stats(user, now)).due;
  const later = (await reviews.stats(user, endOfToday)).due - overdue;
  return ctx.t('stats.reviews', { overdue, today: later });
}

/** A person's stats; `reopen` is the action that shows them again (in a private chat). */
export async function statsBody(ctx: CommandContext): Promise<{ body: string; buttons: ActionButton[][] }> {
  const user = await learnerKey(ctx);
  const zone = await chatZone(ctx.services, chatKey(ctx.platform, ctx.chat.id));
  const today = localDate(ctx.services.now().getTime(), zone);
  const categories = await ctx.services.scores.categories(user);
  const total = categories.reduce(
    (sum, c) => ({ answered: sum.answered + c.answered, correct: sum.correct + c.correct }),
    { answered: 0, correct: 0 },
  );
  const parts: string[] = [];
  if (total.answered === 0) parts.push(ctx.t('stats.none'));
  else {
    parts.push(
      ctx.t('stats.answered', { answered: total.answered, correct: total.correct, accuracy: percent(total) }),
    );
    parts.push(`**${ctx.t('stats.categories')}**\n${categoryLines(ctx, categories).join('\n')}`);
  }
  parts.push((await streakLines(ctx, today)).join('\n'), await reviewLine(ctx, today, zone));
  const weak = total.answered === 0 ? [] : weakest(categories);
  if (weak.length > 0) parts.push(ctx.t('stats.weakest'));
  const buttons = weak.map((c) => [
    {
      label: ctx.t.plain('stats.practise', { category: categoryName(ctx, c.category) }),
      // A /quiz of that category (the quiz command's `next` button).
      action: practise.action(c.category),
    },
  ]);
  return { body: parts.join('\n\n'), buttons };
}
