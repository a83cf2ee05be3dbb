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
  return normalize(text).replace(/[\s\p{P}\p{Cc}]+/gu, '');
}

const SEP = '\u0001';

/** Cuts a label to the limit with an ellipsis. */
export function clampLabel(text: string, max = MAX_SUGGESTION_LENGTH): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A prefix index over ids, questions, English titles and aliases. */
export class PrefixIndex {
  /**
   * One row per key, `key SEP rank SEP id`, so a native string sort orders them (much faster than a
   * comparator over objects at 100,000 entries); keys never contain SEP (control characters are folded away).
   */
  readonly #rows: string[] = [];

  constructor(entries: readonly Entry[]) {
    for (const e of entries) {
      // The rank of a key within its entry: id, question and title first, then aliases in order.
      [e.id, e.question, e.title_en, ...e.aliases].forEach((text, rank) => {
        const key = suggestionKey(text);
        if (key) this.#rows.push(`${key}${SEP}${String(rank).padStart(2, '0')}${SEP}${e.id}`);
      });
    }
    this.#rows.sort();
  }

  /** The first row not below `key`. */
  #lowerBound(key: string): number {
    let lo = 0;
    let hi = this.#rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#rows[mid] ?? '') < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Entries with a key equal to the text (folded), each with its best rank. */
  exact(text: string): Map<string, number> {
    const key = suggestionKey(text);
    const out = new Map<string, number>();
    if (!key) return out;
    const head = key + SEP;
    for (let i = this.#lowerBound(head); i < this.#rows.length; i++) {
      const row = this.#rows[i] ?? '';
      if (!row.startsWith(head)) break;
      const [, rank = '0', id = ''] = row.split(SEP);
      if (!out.has(id)) out.set(id, Number(rank));
    }
    return out;
  }

  /** Ids of entries with a key starting with the prefix, at most `limit`, each once. */
  lookup(prefix: string, limit = MAX_SUGGESTIONS): string[] {
    const p = suggestionKey(prefix);
    if (!p) return [];
    const ids = new Set<string>();
    for (let i = this.#lowerBound(p); i < this.#rows.length && ids.size < limit; i++) {
      const row = this.#rows[i] ?? '';
      if (!row.startsWith(p)) break;
      ids.add(row.slice(row.lastIndexOf(SEP) + 1));
    }
    return [...ids];
  }
}
