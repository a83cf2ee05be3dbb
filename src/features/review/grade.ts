/**
 * Self-grading by key points: after reading an answer, a person ticks the key points they had recalled
 * (the bold leads of the answer's bullets), and the share of the must-say points among them becomes an
 * FSRS rating. No free text and no model: the same ticks always give the same rating.
 *
 * The rule (`gradeFromPoints`), with `share` = must-say points ticked / must-say points:
 * - share < 0.5: **Again** (1). Fewer than half of what an interviewer checks: the answer would fail.
 * - share < 0.75: **Hard** (2). About half to three quarters: recalled, with gaps.
 * - share < 1: **Good** (3). Most of it, one point short (at most one of four or more).
 * - share = 1: **Good** (3), and **Easy** (4) only when every other key point was ticked too.
 *
 * Why: FSRS treats Good as the normal "I recalled it" and lengthens the interval much more after Easy, so
 * Easy is kept for a complete answer: nothing left to learn. Points that are not must-say never make up for
 * a missed must-say one (they count only once every must-say point is there), so ticking extras cannot
 * raise the rating above what the must-say share gives.
 */
import type { Grade } from 'ts-fsrs';
import { boldLeads, type Entry } from '../knowledge/schema.ts';

/** One key point of an answer: its bold lead, and whether the entry marks it must-say. */
export interface KeyPoint {
  text: string;
  must: boolean;
}

/** At most this many key points (an answer has at most 8 bullets), so a mask is two hex digits. */
export const MAX_POINTS = 8;

/** The key points of an entry, in the answer's order. Without a `must` list, every point is must-say. */
export function keyPoints(entry: Pick<Entry, 'answer' | 'must'>): KeyPoint[] {
  const must = new Set(entry.must ?? []);
  return boldLeads(entry.answer)
    .slice(0, MAX_POINTS)
    .map((text) => ({ text, must: must.size === 0 || must.has(text) }));
}

/** The share of must-say points ticked (0–1); 0 when there are none. */
export function mustShare(points: readonly KeyPoint[], ticked: ReadonlySet<number>): number {
  const must = points.map((p, i) => ({ ...p, i })).filter((p) => p.must);
  if (must.length === 0) return 0;
  return must.filter((p) => ticked.has(p.i)).length / must.length;
}

/** The rating the ticked key points give (see the rule above). */
export function gradeFromPoints(points: readonly KeyPoint[], ticked: ReadonlySet<number>): Grade {
  const share = mustShare(points, ticked);
  if (share < 0.5) return 1;
  if (share < 0.75) return 2;
  if (share < 1) return 3;
  return points.every((_, i) => ticked.has(i)) ? 4 : 3;
}

/** The ticked points as a bitmask in hex (`0` for none): point i is bit i. */
export function encodeTicks(ticked: ReadonlySet<number>): string {
  let mask = 0;
  for (const i of ticked) if (i >= 0 && i < MAX_POINTS) mask |= 1 << i;
  return mask.toString(16);
}

/**
 * The ticked points a hex mask names, or undefined when it is not one for `count` points (forged or
 * stale: the entry lost bullets since the button was made).
 */
export function decodeTicks(mask: string | undefined, count: number): Set<number> | undefined {
  if (mask === undefined || !/^[0-9a-f]{1,2}$/.test(mask)) return undefined;
  const bits = Number.parseInt(mask, 16);
  if (bits >= 2 ** count) return undefined;
  const ticked = new Set<number>();
  for (let i = 0; i < count; i++) if (bits & (1 << i)) ticked.add(i);
  return ticked;
}

/** The ticks with point `i` flipped. */
export function toggle(ticked: ReadonlySet<number>, i: number): Set<number> {
  const next = new Set(ticked);
  if (next.has(i)) next.delete(i);
  else next.add(i);
  return next;
}
