/** Hostile search input for tests and benchmarks: the longest accepted query, full of made-up words. */
import { MAX_QUERY_LENGTH } from '../../src/features/search/query.ts';
import { seeded } from './random.ts';

/** Random lowercase words of 4–11 letters, as many as fit in the longest accepted query (999 characters). */
export function hostileQuery(seed: number): string {
  const random = seeded(seed);
  const words: string[] = [];
  let length = -1;
  for (;;) {
    const size = 4 + Math.floor(random() * 8);
    const word = Array.from({ length: size }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join(
      '',
    );
    if (length + 1 + word.length >= MAX_QUERY_LENGTH) return words.join(' ');
    words.push(word);
    length += 1 + word.length;
  }
}
