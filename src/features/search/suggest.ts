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

/** A Uint32Array at least `size` long, holding the values of `array`. */
function grown(array: Uint32Array<ArrayBuffer>, size: number): Uint32Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const bigger = new Uint32Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * A prefix index over ids, questions, English titles and aliases: each folded key once, sorted, and each
 * key's entries in one range of a typed array. Texts repeat (aliases, titles), so each distinct text is
 * folded once; the build records a row (key number, entry code) per entry and text in typed arrays, and
 * only the distinct keys are sorted, which keeps it short at 100,000 entries.
 */
export class PrefixIndex {
  /** Every key, each once, in code-unit order. */
  readonly #keys: string[];
  /**
   * Key `#keys[k]`'s entries are `#codes[#offsets[k] .. #offsets[k + 1])`, each `rank × n + position of
   * the id in #ids`, ascending: by rank (id, question and title first, then aliases in order), then by id.
   */
  readonly #offsets: Uint32Array;
  readonly #codes: Uint32Array;
  /** Entry ids in code-unit order. */
  readonly #ids: string[];

  constructor(entries: readonly Entry[]) {
    this.#ids = entries.map((e) => e.id).sort();
    const n = this.#ids.length;
    const position = new Map(this.#ids.map((id, i) => [id, i]));
    // Text → its key's number (-1: it folds to nothing); folded key → number.
    const numberOfText = new Map<string, number>();
    const numberOfKey = new Map<string, number>();
    const keys: string[] = [];
    let rowKeys = new Uint32Array(1024);
    let rowCodes = new Uint32Array(1024);
    let rows = 0;
    const numberOf = (text: string): number => {
      const key = suggestionKey(text);
      let k = key ? (numberOfKey.get(key) ?? -1) : -2;
      if (k === -1) {
        k = keys.push(key) - 1;
        numberOfKey.set(key, k);
      }
      return k;
    };
    // Ids are distinct and questions nearly so: they are folded each time, which keeps the text map
    // small (titles and aliases, the texts that repeat) and its lookups in the processor's caches.
    const add = (text: string, code: number, repeats: boolean): void => {
      let k = repeats ? numberOfText.get(text) : undefined;
      if (k === undefined) {
        k = numberOf(text);
        if (repeats) numberOfText.set(text, k);
      }
      if (k < 0) return;
      if (rows === rowKeys.length) {
        rowKeys = grown(rowKeys, rows + 1);
        rowCodes = grown(rowCodes, rows + 1);
      }
      rowKeys[rows] = k;
      rowCodes[rows++] = code;
    };
    for (const e of entries) {
      const at = position.get(e.id) ?? 0;
      add(e.id, at, false);
      add(e.question, n + at, false);
      add(e.title_en, 2 * n + at, true);
      for (let i = 0; i < e.aliases.length; i++) add(e.aliases[i] ?? '', (3 + i) * n + at, true);
    }
    this.#keys = keys.slice().sort();
    // Key number → its place in #keys; then the rows counted, placed and sorted by key.
    const place = new Uint32Array(keys.length);
    this.#keys.forEach((key, i) => {
      place[numberOfKey.get(key) ?? 0] = i;
    });
    const offsets = new Uint32Array(keys.length + 1);
    for (let r = 0; r < rows; r++) {
      const at = (place[rowKeys[r] ?? 0] ?? 0) + 1;
      offsets[at] = (offsets[at] ?? 0) + 1;
    }
    for (let k = 0; k < keys.length; k++) offsets[k + 1] = (offsets[k + 1] ?? 0) + (offsets[k] ?? 0);
    const cursor = offsets.slice(0, keys.length);
    const codes = new Uint32Array(rows);
    for (let r = 0; r < rows; r++) {
      const k = place[rowKeys[r] ?? 0] ?? 0;
      codes[cursor[k] ?? 0] = rowCodes[r] ?? 0;
      cursor[k] = (cursor[k] ?? 0) + 1;
    }
    for (let k = 0; k < keys.length; k++) {
      if ((offsets[k + 1] ?? 0) - (offsets[k] ?? 0) > 1) codes.subarray(offsets[k], offsets[k + 1]).sort();
    }
    this.#offsets = offsets;
    this.#codes = codes;
  }

  /** The entries of a key, in order, as id and rank. */
  *#entriesOf(key: string): Generator<[id: string, rank: number]> {
    const k = this.#lowerBound(key);
    if (this.#keys[k] !== key) return;
    yield* this.#entriesAt(k);
  }

  /** The entries of the key at `k` in #keys, in order, as id and rank. */
  *#entriesAt(k: number): Generator<[id: string, rank: number]> {
    const n = this.#ids.length;
    for (const code of this.#codes.subarray(this.#offsets[k], this.#offsets[k + 1]))
      yield [this.#ids[code % n] ?? '', Math.floor(code / n)];
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
      for (const [id] of this.#entriesAt(i)) {
        if (ids.size >= limit) break;
        ids.add(id);
      }
    }
    return [...ids];
  }
}
