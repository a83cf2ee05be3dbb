/**
 * The key-point grading message: one toggle button per key point of an answer (must-say ones starred), and
 * a Done button that rates by the rule of `grade.ts`. Its whole state, the ticked points, is a bitmask in
 * each button's action id (`review:tick:<id>:<mask>`), so nothing is kept in memory and a press after a
 * restart works. The handlers are bound in `commands/review.ts`.
 */
import { buttonId } from '../../kernel/button.ts';
import type { CommandContext } from '../../kernel/context.ts';
import { escapeMarkdown, markdown } from '../../kernel/markdown.ts';
import type { ActionButton, Reply } from '../../kernel/reply.ts';
import type { Entry } from '../knowledge/schema.ts';
import { encodeTicks, gradeFromPoints, type KeyPoint, keyPoints, mustShare, toggle } from './grade.ts';
import { gradeName } from './review.ts';

/** review:pts:<id> opens the grading message for the presser (read-only: it only shows). */
export const pointsOpenId = buttonId('review', 'pts');
/** review:tick:<id>:<mask> shows the grading message with these points ticked (read-only). */
export const pointsTickId = buttonId('review', 'tick');
/** review:ptsok:<id>:<mask> rates the entry by the ticked points (changes state). */
export const pointsDoneId = buttonId('review', 'ptsok');

/** Key points per row of toggle buttons (8 points make 4 rows, plus Done: Discord's 5 rows). */
const PER_ROW = 2;

/** The button under an answer that opens the grading message, privately. */
export function pointsButton(ctx: CommandContext, entryId: string): ActionButton {
  return { label: ctx.t.plain('points.open'), action: pointsOpenId.action(entryId), private: true };
}

function pointLabel(point: KeyPoint, ticked: boolean): string {
  return `${ticked ? '✅' : '⬜'} ${point.text}${point.must ? ' ★' : ''}`;
}

/** How many must-say points are ticked, of how many. */
export function mustCount(points: readonly KeyPoint[], ticked: ReadonlySet<number>): [number, number] {
  const must = points.filter((p) => p.must).length;
  return [Math.round(mustShare(points, ticked) * must), must];
}

/** The grading message of `entry` with `ticked` points; `edit` replaces the pressed message. */
export function pointsReply(
  ctx: CommandContext,
  entry: Entry,
  ticked: ReadonlySet<number>,
  options: { edit: boolean },
): Reply {
  const points = keyPoints(entry);
  const [recalled, must] = mustCount(points, ticked);
  const toggles: ActionButton[] = points.map((p, i) => ({
    label: pointLabel(p, ticked.has(i)),
    action: pointsTickId.action(entry.id, encodeTicks(toggle(ticked, i))),
    style: ticked.has(i) ? 'success' : 'secondary',
    checked: ticked.has(i),
  }));
  const rows: ActionButton[][] = [];
  for (let i = 0; i < toggles.length; i += PER_ROW) rows.push(toggles.slice(i, i + PER_ROW));
  rows.push([
    {
      label: ctx.t.plain('points.done'),
      action: pointsDoneId.action(entry.id, encodeTicks(ticked)),
      style: 'primary',
    },
  ]);
  return {
    title: entry.question,
    body: [
      ctx.t('points.intro'),
      ctx.t('points.progress', {
        recalled,
        must,
        grade: gradeName(ctx, gradeFromPoints(points, ticked)),
      }),
    ].join('\n\n'),
    buttons: rows,
    accent: entry.category,
    footer: `${ctx.t.plain('points.footer')} · ${entry.id}`,
    private: true,
    edit: options.edit,
  };
}

/** The line a Done press adds above the rating: how many must-say points, and the points missed. */
export function pointsSummary(ctx: CommandContext, entry: Entry, ticked: ReadonlySet<number>): string {
  const points = keyPoints(entry);
  const [recalled, must] = mustCount(points, ticked);
  const missed = points
    .filter((p, i) => p.must && !ticked.has(i))
    .map((p) => `**${escapeMarkdown(p.text)}**`);
  const line = ctx.t('points.summary', { recalled, must });
  return missed.length > 0
    ? `${line}\n${ctx.t('points.missed', { points: markdown(missed.join(' · ')) })}`
    : line;
}
