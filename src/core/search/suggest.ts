/**
 * Prefix suggestions for autocomplete: a sorted array of normalised keys and a binary search,
 * so a lookup costs O(log n) plus the suggestions returned.
 */
import type { Entry } from '../knowledge/schema.ts';
import { normalize } from './tokenize.ts';

/** Most suggestions returned (Discord's autocomplete limit). */
export const MAX_SUGGESTIONS = 25;
/** Longest suggestion label (Discord's choice-name limit). */
export const MAX_SUGGESTION_LENGTH = 100;

/** One autocomplete choice: the entry id and a label to show. */
export interface Suggestion {
  id: string;
  label: string;
}

/** The folded form keys are compared in: normalised, without spaces and punctuation. */
export function suggestionKey(text: string): string {
  return normalize(text).replace(/[\s\p{P}]+/gu, '');
}

/** Cuts a label to the limit with an ellipsis. */
export function clampLabel(text: string, max = MAX_SUGGESTION_LENGTH): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A prefix index over ids, questions, English titles and aliases. */
export class PrefixIndex {
  readonly #keys: { key: string; id: string; rank: number }[] = [];

  constructor(entries: readonly Entry[]) {
    for (const e of entries) {
      // The rank of a key within its entry: id, question and title first, then aliases in order.
      [e.id, e.question, e.title_en, ...e.aliases].forEach((text, rank) => {
        const key = suggestionKey(text);
        if (key) this.#keys.push({ key, id: e.id, rank });
      });
    }
    this.#keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** The first position whose key is not below `key`. */
  #lowerBound(key: string): number {
    let lo = 0;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#keys[mid]?.key ?? '') < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Entries with a key equal to the text (folded), each with its best rank. */
  exact(text: string): Map<string, number> {
    const key = suggestionKey(text);
    const out = new Map<string, number>();
    if (!key) return out;
    for (let i = this.#lowerBound(key); i < this.#keys.length; i++) {
      const k = this.#keys[i];
      if (k?.key !== key) break;
      out.set(k.id, Math.min(k.rank, out.get(k.id) ?? k.rank));
    }
    return out;
  }

  /** Ids of entries with a key starting with the prefix, at most `limit`, each once. */
  lookup(prefix: string, limit = MAX_SUGGESTIONS): string[] {
    const p = suggestionKey(prefix);
    if (!p) return [];
    const ids = new Set<string>();
    for (let i = this.#lowerBound(p); i < this.#keys.length && ids.size < limit; i++) {
      const k = this.#keys[i];
      if (!k?.key.startsWith(p)) break;
      ids.add(k.id);
    }
    return [...ids];
  }
}
