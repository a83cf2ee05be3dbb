/**
 * A closed multiple-choice question: the public message redrawn with how many chose each option
 * ("A 3 · B 12 ✅ · C 1 · D 0"), the right one marked and no answer buttons left, and the private note a
 * press after the close gets instead of a verdict.
 */
import type { CommandContext } from '../../kernel/context.ts';
import { translator } from '../../kernel/i18n.ts';
import { chatKey } from '../../kernel/identity.ts';
import { escapeInline } from '../../kernel/markdown.ts';
import type { Reply } from '../../kernel/reply.ts';
import { CHOICE_LETTERS, type Entry } from '../knowledge/schema.ts';
import { showAnswer } from '../knowledge/views.ts';
import { type Asked, correctIndex, itemOf, questionId, shownLetter } from './asked.ts';
import { orderAt } from './order.ts';
import { questionReply } from './views.ts';

/** How many chose each shown option (A–D), from the ledger. */
export async function shownCounts(ctx: CommandContext, asked: Asked): Promise<number[]> {
  const order = orderAt(asked.order) ?? [];
  const counts = [0, 0, 0, 0];
  const chat = chatKey(ctx.platform, ctx.chat.id);
  for (const c of await ctx.services.scores.counts(chat, questionId(asked))) {
    const shown = order.indexOf(c.chosen);
    if (shown >= 0) counts[shown] = (counts[shown] ?? 0) + c.count;
  }
  return counts;
}

/** "A 3 · B 12 ✅ · C 1 · D 0": each shown option's count, the right one marked. */
export function distributionLine(counts: readonly number[], correctShown: number): string {
  return CHOICE_LETTERS.map((l, i) => `${l} ${counts[i] ?? 0}${i === correctShown ? ' ✅' : ''}`).join(' · ');
}

/**
 * The question as it stays once closed: its title (`title` when it was posted with another, a round's
 * progress), the stem and options with the right one marked, the distribution, and only the private
 * full-answer button. In the language it was asked in; a `final` redraw.
 * @throws Error when the entry has no such item (callers check with `itemOf` first).
 */
export async function closedReply(
  ctx: CommandContext,
  entry: Entry,
  asked: Asked,
  title?: string | null,
): Promise<Reply> {
  const open = questionReply(ctx, entry, asked, 0);
  const choice = itemOf(entry, asked);
  if (!choice) throw new Error(`entry ${entry.id} has no multiple-choice item ${asked.item}`);
  const t = translator(asked.locale);
  const correctShown = (orderAt(asked.order) ?? []).indexOf(correctIndex(choice));
  const counts = await shownCounts(ctx, asked);
  const answered = counts.reduce((a, b) => a + b, 0);
  const body = (open.body ?? '')
    .split('\n')
    .map((line) => (line.startsWith(`**${CHOICE_LETTERS[correctShown]}.**`) ? `${line} ✅` : line))
    .join('\n');
  return {
    title: title ?? open.title,
    body: `${body}\n\n${t('mcq.distribution', { line: distributionLine(counts, correctShown) })}`,
    accent: entry.category,
    buttons: [[{ label: t.plain('mcq.fullAnswer'), action: showAnswer.action(entry.id), private: true }]],
    footer: t.plain('mcq.closedFooter', { n: answered }),
    final: true,
  };
}

/** The private note of a press after the close: the right answer and why, nothing recorded. */
export function closedNote(ctx: CommandContext, entry: Entry, asked: Asked): string {
  const choice = itemOf(entry, asked);
  if (!choice) return ctx.t('mcq.stale');
  const own = correctIndex(choice);
  const head = ctx.t('mcq.closed', {
    letter: shownLetter(asked.order, own),
    option: choice.options[own] ?? '',
  });
  const why = choice.explanation.trim().split('\n').map(escapeInline).join('\n');
  return `${head}\n\n${why}`;
}
