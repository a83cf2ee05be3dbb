/**
 * The leaderboard order: most correct answers first, then the higher accuracy, then the less total
 * answer time. People equal on all three share a rank (1, 1, 3); among them names sort alphabetically.
 */
import type { Tally } from './store.ts';

/** A person's place on a leaderboard. */
export interface Ranked extends Tally {
  /** 1 for the first; equal people share one. */
  rank: number;
}

/** Share of answers that were right, 0 for none. */
export function accuracy(t: { answered: number; correct: number }): number {
  return t.answered === 0 ? 0 : t.correct / t.answered;
}

/** Negative when `a` ranks above `b`, 0 when they tie. */
function compare(a: Tally, b: Tally): number {
  return b.correct - a.correct || accuracy(b) - accuracy(a) || a.timeMs - b.timeMs;
}

/** The tallies in leaderboard order, with ranks. */
export function rank(tallies: readonly Tally[]): Ranked[] {
  const sorted = [...tallies].sort(
    (a, b) =>
      compare(a, b) ||
      a.userName.localeCompare(b.userName) ||
      (a.userKey < b.userKey ? -1 : a.userKey > b.userKey ? 1 : 0),
  );
  const out: Ranked[] = [];
  sorted.forEach((t, i) => {
    const previous = out[i - 1];
    out.push({ ...t, rank: previous && compare(previous, t) === 0 ? previous.rank : i + 1 });
  });
  return out;
}
