/**
 * Figures of the multiple-choice bank that a machine can check: how many items,
 * where the right option stands, and whether the right option gives itself away
 * by being the longest. `dlkb check` prints them; the bank tests hold them to the rules.
 */
import { CHOICE_LETTERS, type ChoiceLetter, type Entry } from './schema.ts';

/** The least number of items an entry needs: 4 for hard entries, 3 otherwise. */
export function minimumChoices(entry: Pick<Entry, 'difficulty'>): number {
  return entry.difficulty === 'hard' ? 4 : 3;
}

/** Figures over a set of entries' items. */
export interface BankStats {
  items: number;
  /** Share of items whose right option is each letter (0–1). */
  position: Record<ChoiceLetter, number>;
  /** Share of items whose right option is strictly the longest. */
  longestIsRight: number;
  /** Entries with fewer items than {@link minimumChoices}. */
  short: string[];
  /** Stems that occur more than once. */
  repeatedStems: string[];
}

/** Computes the bank's figures. */
export function bankStats(entries: readonly Entry[]): BankStats {
  const counts = Object.fromEntries(CHOICE_LETTERS.map((l) => [l, 0])) as Record<ChoiceLetter, number>;
  let items = 0;
  let longest = 0;
  const stems = new Map<string, number>();
  const short: string[] = [];
  for (const entry of entries) {
    const choices = entry.choices ?? [];
    if (choices.length < minimumChoices(entry)) short.push(entry.id);
    for (const choice of choices) {
      items++;
      counts[choice.answer]++;
      const right = CHOICE_LETTERS.indexOf(choice.answer);
      const lengths = choice.options.map((o) => [...o].length);
      const rightLength = lengths[right] ?? 0;
      if (lengths.every((l, i) => i === right || l < rightLength)) longest++;
      const stem = choice.stem.trim();
      stems.set(stem, (stems.get(stem) ?? 0) + 1);
    }
  }
  const share = (n: number) => (items === 0 ? 0 : n / items);
  return {
    items,
    position: Object.fromEntries(CHOICE_LETTERS.map((l) => [l, share(counts[l])])) as Record<
      ChoiceLetter,
      number
    >,
    longestIsRight: share(longest),
    short,
    repeatedStems: [...stems].filter(([, n]) => n > 1).map(([s]) => s),
  };
}
