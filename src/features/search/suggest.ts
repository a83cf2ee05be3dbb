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
  /** Set when nothing matched well (confidence.ts): one of the closest topics, not a match. */
  weak?: boolean;
}

/** The folded form keys are compared in: normalised, without spaces and punctuation. */
export function suggestionKey(text: string): string {
  return normalize(text).replace(/[\s\p{P}\p{Cc}]+/gu, '');
}

/** Cuts a label to the limit with an ellipsis. */
export function clampLabel(text: string, max = MAX_SUGGESTION_LENGTH): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * A prefix index over ids, questions, English titles and aliases: each folded key once, sorted, and a map
 * from a key to its entries. Sorting only the distinct keys (not a row per entry and key) is what keeps
 * the build short at 100,000 entries.
 */
export class PrefixIndex {
  /** Every key, each once, in code-unit order. */
  readonly #keys: string[];
  /**
   * Key → its entries as `rank × n + position of the id in #ids`, ascending: by rank (id, question and
   * title first, then aliases in order), then by id.
   */
  readonly #byKey = new Map<string, number[]>();
  /** Entry ids in code-unit order. */
  readonly #ids: string[];

  constructor(entries: readonly Entry[]) {
    this.#ids = entries.map((e) => e.id).sort();
    const n = this.#ids.length;
    const position = new Map(this.#ids.map((id, i) => [id, i]));
    // Texts repeat (aliases, titles): each distinct text is folded once and then finds its key's list
    // in one lookup (null: it folds to nothing).
    const listOf = new Map<string, number[] | null>();
    const add = (text: string, code: number): void => {
      let codes = listOf.get(text);
      if (codes === undefined) {
        const key = suggestionKey(text);
        codes = key ? (this.#byKey.get(key) ?? []) : null;
        if (codes && codes.length === 0) this.#byKey.set(key, codes);
        listOf.set(text, codes);
      }
      codes?.push(code);
    };
    for (const e of entries) {
      const at = position.get(e.id) ?? 0;
      add(e.id, at);
      add(e.question, n + at);
      add(e.title_en, 2 * n + at);
      for (let i = 0; i < e.aliases.length; i++) add(e.aliases[i] ?? '', (3 + i) * n + at);
    }
    for (const codes of this.#byKey.values()) if (codes.length > 1) codes.sort((a, b) => a - b);
    this.#keys = [...this.#byKey.keys()].sort();
  }

  /** The entries of a key, in order, as id and rank. */
  *#entriesOf(key: string): Generator<[id: string, rank: number]> {
    const n = this.#ids.length;
    for (const code of this.#byKey.get(key) ?? []) yield [this.#ids[code % n] ?? '', Math.floor(code / n)];
  }

  /** The first key not below `key`. */
  #lowerBound(key: string): number {
    let lo = 0;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#keys[mid] ?? '') < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Entries with a key equal to the text (folded), each with its best rank. */
  exact(text: string): Map<string, number> {
    const out = new Map<string, number>();
    const key = suggestionKey(text);
    if (!key) return out;
    for (const [id, rank] of this.#entriesOf(key)) if (!out.has(id)) out.set(id, rank);
    return out;
  }

  /** Ids of entries with a key starting with the prefix, at most `limit`, each once. */
  lookup(prefix: string, limit = MAX_SUGGESTIONS): string[] {
    const p = suggestionKey(prefix);
    if (!p) return [];
    const ids = new Set<string>();
    for (let i = this.#lowerBound(p); i < this.#keys.length && ids.size < limit; i++) {
      const key = this.#keys[i] ?? '';
      if (!key.startsWith(p)) break;
      for (const [id] of this.#entriesOf(key)) {
        if (ids.size >= limit) break;
        ids.add(id);
      }
    }
    return [...ids];
  }
}
