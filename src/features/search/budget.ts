/** How much work one query may do beyond its exact lookups (typo correction and the fuzzy last resort). */
import type { CorrectionBudget } from './typo.ts';

/**
 * The most work one query may do beyond its exact lookups, so that 999 characters of made-up words
 * cost about as much as a normal query: typo correction of the first few unknown words, the fuzzy
 * last resort on the first two, and a total of candidate comparisons shared by both. (The relevance
 * queries need at most 3 corrected words and 1,400 comparisons.)
 */
export const QUERY_LIMITS = { correctedWords: 4, fuzzyWords: 2, comparisons: 4000 } as const;

/** What a query may still spend (see QUERY_LIMITS); searching decrements it in place. */
export interface SearchBudget extends CorrectionBudget {
  /** Unknown words that may still be corrected. */
  words: number;
  /** Unknown words that may still go through the fuzzy last resort. */
  fuzzy: number;
}

/** A fresh budget of one query. */
export function searchBudget(): SearchBudget {
  return {
    words: QUERY_LIMITS.correctedWords,
    comparisons: QUERY_LIMITS.comparisons,
    fuzzy: QUERY_LIMITS.fuzzyWords,
  };
}
