/**
 * The /stats section of grading by key points: the five key points a person misses most across the bank,
 * each with a button that opens its entry's answer (`show:ans`).
 */
import type { CommandContext } from '../../kernel/context.ts';
import type { ActionButton } from '../../kernel/reply.ts';
import { showAnswer } from '../knowledge/views.ts';
import { learnerKey } from '../link/learner.ts';
import { keyPoints } from './grade.ts';

/** How many of the most-missed key points /stats shows. */
export const WEAK_POINTS = 5;

/** Tallies read to find five still in the knowledge base (points renamed or entries removed are skipped). */
const READ = 50;

/** The section's text and one row of buttons, or null when the person never missed a key point. */
export async function weakPointsSection(
  ctx: CommandContext,
): Promise<{ text: string; row: ActionButton[] } | null> {
  const { kb, keyPoints: store } = ctx.services;
  const weak = (await store.weakest(await learnerKey(ctx), READ))
    .map((t) => ({ ...t, entry: kb.get(t.entryId) }))
    .filter((t) => t.entry !== undefined && keyPoints(t.entry).some((p) => p.text === t.point))
    .slice(0, WEAK_POINTS);
  if (weak.length === 0) return null;
  const lines = weak.map((t, i) =>
    ctx.t('points.weakLine', {
      n: i + 1,
      point: t.point,
      question: t.entry?.question ?? t.entryId,
      missed: t.missed,
      seen: t.seen,
    }),
  );
  return {
    text: `${ctx.t('points.weakTitle')}\n${lines.join('\n')}`,
    row: weak.map((t, i) => ({ label: `${i + 1}. ${t.point}`, action: showAnswer.action(t.entryId) })),
  };
}
