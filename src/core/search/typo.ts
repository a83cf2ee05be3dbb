/**
 * Typo correction for Latin tokens the index has never seen (`droput`, `inceptoin`, `efficent`):
 * the closest word of the index's own vocabulary by optimal-string-alignment distance (a swap of two
 * neighbours counts as one edit), at most 1 edit for words of 4–6 letters and 2 for longer ones.
 */

/** Optimal string alignment distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** Edits allowed for a word of this length. */
export function allowedEdits(length: number): number {
  return length >= 7 ? 2 : length >= 4 ? 1 : 0;
}

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

  /** The correction of a word, or undefined when nothing is close enough. */
  correct(word: string): string | undefined {
    const max = allowedEdits(word.length);
    if (max === 0) return undefined;
    let best: string | undefined;
    let bestDistance = max + 1;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const candidate of this.#byLength.get(len) ?? []) {
        const d = editDistance(word, candidate, Math.min(max, bestDistance));
        if (
          d < bestDistance ||
          (d === bestDistance && best !== undefined && this.frequency(candidate) > this.frequency(best))
        ) {
          best = candidate;
          bestDistance = d;
        }
      }
    }
    return bestDistance <= max ? best : undefined;
  }
}
