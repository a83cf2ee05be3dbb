/**
 * Typo correction for Latin tokens the index has never seen (`droput`, `inceptoin`, `efficent`):
 * the closest word of the index's own vocabulary by optimal-string-alignment distance (a swap of two
 * neighbours counts as one edit), at most 1 edit for words of 4–6 letters and 2 for longer ones.
 *
 * Correction compares a word with every known word of a similar length, so a query of hundreds of
 * unknown words would cost hundreds of scans: each correction spends a per-query `CorrectionBudget`
 * (candidates compared) and gives up when it runs out; the index also limits how many words it corrects.
 */

/** What typo correction may still spend on one query; the speller decrements it in place. */
export interface CorrectionBudget {
  /** Candidate words that may still be compared, over all the words of the query. */
  comparisons: number;
}

/** Rows of the distance table, reused between calls (the distance is computed synchronously). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [prev2, prev, row] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const before = i > 1 ? a.charCodeAt(i - 2) : -1;
    row[0] = i;
    let best = i;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (ai === bj ? 0 : 1));
      if (j > 1 && ai === b.charCodeAt(j - 2) && before === bj) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[n] ?? max + 1;
}

/** Edits allowed for a word of this length. */
export function allowedEdits(length: number): number {
  return length >= 7 ? 2 : length >= 4 ? 1 : 0;
}

/** No limit: for callers that correct one word on purpose. */
const UNLIMITED: CorrectionBudget = { comparisons: Number.POSITIVE_INFINITY };

/** Finds the closest known word; ties go to the more frequent one. */
export class Speller {
  readonly #byLength = new Map<number, string[]>();

  constructor(
    vocabulary: Iterable<string>,
    private readonly frequency: (word: string) => number,
  ) {
    for (const w of vocabulary) {
      const list = this.#byLength.get(w.length) ?? [];
      list.push(w);
      this.#byLength.set(w.length, list);
    }
  }

  /**
   * The correction of a word, or undefined when nothing is close enough or the budget ran out before
   * a candidate was found (the best one compared so far is kept).
   */
  correct(word: string, budget: CorrectionBudget = { ...UNLIMITED }): string | undefined {
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    this.#scan(word, budget, (candidate, d) => {
      if (
        d < bestDistance ||
        (d === bestDistance && best !== undefined && this.frequency(candidate) > this.frequency(best))
      ) {
        best = candidate;
        bestDistance = d;
      }
      return d;
    });
    return best;
  }

  /** Every known word within the allowed edits of a word (closest first, at most `limit`), within the budget. */
  near(word: string, budget: CorrectionBudget = { ...UNLIMITED }, limit = 8): string[] {
    const found: { candidate: string; d: number }[] = [];
    this.#scan(word, budget, (candidate, d) => {
      found.push({ candidate, d });
      return Number.POSITIVE_INFINITY;
    });
    found.sort((a, b) => a.d - b.d || this.frequency(b.candidate) - this.frequency(a.candidate));
    return found.slice(0, limit).map((f) => f.candidate);
  }

  /**
   * Compares a word with the known words of a similar length while the budget lasts (one comparison
   * per candidate); `visit` gets each candidate within the allowed edits and returns
   * the distance beyond which later candidates no longer interest it.
   */
  #scan(word: string, budget: CorrectionBudget, visit: (candidate: string, d: number) => number): void {
    const max = allowedEdits(word.length);
    if (max === 0) return;
    let bound = max;
    // The same length first (most typos are substitutions and swaps), then one edit away, then two.
    for (const len of [0, -1, 1, -2, 2].filter((k) => Math.abs(k) <= max).map((k) => word.length + k)) {
      for (const candidate of this.#byLength.get(len) ?? []) {
        if (budget.comparisons <= 0) return;
        budget.comparisons -= 1;
        const d = editDistance(word, candidate, bound);
        if (d <= bound) bound = Math.min(bound, visit(candidate, d));
      }
    }
  }
}
