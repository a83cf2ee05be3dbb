/**
 * Whether a search found what was asked, or only the least bad of unrelated entries.
 *
 * A result is not confident when both (a) its top hit scores below `CONFIDENCE.score` and (b) the
 * IDF-weighted share of the query's tokens found in the top entry's indexed text (question, English title,
 * aliases, tags, asks, answer key terms, reference titles) is below `CONFIDENCE.share`, where
 * idf = ln((N + 1) / (df + 0.5)) and df counts entries. Typo-corrected queries are judged on their
 * corrected tokens; when every token is a correction (no word was found as typed: "how do I bake bread"
 * searched as "base read"), the score is evidence of the guesses only, so only the share decides. A query's rare words weigh most, so "强化学习 PPO" against an entry that only shares
 * 学习 is a low share, and an exact alias or a strong BM25 match passes on its score alone.
 */
import type { Entry } from '../knowledge/schema.ts';
import { fieldTexts } from './fields.ts';
import { tokenize } from './tokenize.ts';

/** The thresholds of the rule (see the module comment and the README's Search section). */
export const CONFIDENCE = { score: 35, share: 0.4 } as const;

/** How many closest topics a search that matched nothing well offers instead of matches. */
export const CLOSEST = 3;

/** The verdict on one search, with the two figures it rests on. */
export interface Confidence {
  /** Whether the top hit may be presented as a match. */
  confident: boolean;
  /** The top hit's score (0 without hits). */
  score: number;
  /** The IDF-weighted share of the query's tokens present in the top entry (0 to 1). */
  share: number;
}

/** Judges search results; caches the token sets of the entries it has looked at. */
export class ConfidenceJudge {
  readonly #tokens = new Map<string, Set<string>>();

  /**
   * @param entries how many entries the index holds (N).
   * @param documents in how many entries a token occurs (df).
   */
  constructor(
    readonly entries: number,
    readonly documents: (token: string) => number,
  ) {}

  /** The idf of a token. */
  idf(token: string): number {
    return Math.log((this.entries + 1) / (this.documents(token) + 0.5));
  }

  /** Every token of an entry's indexed text, cached. */
  entryTokens(entry: Entry): Set<string> {
    let tokens = this.#tokens.get(entry.id);
    if (tokens === undefined) {
      tokens = new Set(tokenize(Object.values(fieldTexts(entry)).join(' ; ')));
      if (this.#tokens.size > 5000) this.#tokens.clear();
      this.#tokens.set(entry.id, tokens);
    }
    return tokens;
  }

  /** The IDF-weighted share of the tokens that occur in the entry's indexed text. */
  share(tokens: readonly string[], entry: Entry): number {
    const present = this.entryTokens(entry);
    let total = 0;
    let found = 0;
    for (const token of new Set(tokens)) {
      const weight = this.idf(token);
      total += weight;
      if (present.has(token)) found += weight;
    }
    return total > 0 ? found / total : 0;
  }

  /**
   * The verdict on a query's (corrected) tokens and its top hit; `guessed` when every token is a typo
   * correction, so the score alone cannot make it confident.
   */
  judge(
    tokens: readonly string[],
    top: { entry: Entry; score: number } | undefined,
    { guessed = false }: { guessed?: boolean } = {},
  ): Confidence {
    if (!top) return { confident: false, score: 0, share: 0 };
    const share = this.share(tokens, top.entry);
    const confident = (!guessed && top.score >= CONFIDENCE.score) || share >= CONFIDENCE.share;
    return { confident, score: top.score, share };
  }
}
