/**
 * The one tokenizer for documents and queries, Chinese and English.
 *
 * - NFKC-normalised and lowercased, so `ＢＮ`, `BN` and `bn` are one token.
 * - Han runs become overlapping character bigrams (a single character stays a unigram): ICU's word
 *   segmenter splits domain terms such as 卷积 or 归一化 into single characters, bigrams do not.
 *   Chinese stop words (的, 怎么, 什么, 区别, ...) split a run before it is cut into bigrams.
 * - Latin runs keep identifiers whole and also emit their parts: `c++`, `yolov3` → yolov3 yolo v3,
 *   `r-cnn` → r-cnn rcnn r cnn, `nn.module` → nn.module nn module, `*args` → *args args.
 */

const HAN_STOP_WORDS =
  '为什么 怎么样 是什么 有什么 有哪些 怎么 怎样 如何 什么 哪些 区别 一下 请问 说说 讲讲 简述 介绍 以及 时候 一个 的 了 吗 呢 吧 啊 和 与 及 或'.split(
    ' ',
  );

const LATIN_STOP_WORDS = new Set(
  'a an the is are was be of in on for to and or what how why does do vs with between difference differences explain which when it its can you i me about from by as at this that use used'.split(
    ' ',
  ),
);

/** A Han run of one character between Latin words (`BN在inference`) is a particle, not a term. */
const HAN_LONE_STOP = new Set('在 中 是 用 和 与 的 了 里 对 要 及 或 有'.split(' '));

const HAN_STOP_RE = new RegExp(HAN_STOP_WORDS.join('|'), 'gu');
const IDENTIFIER_RE = /\*{0,2}[\p{L}\p{N}_](?:[\p{L}\p{N}_+#.\-']*[\p{L}\p{N}_+#])?/gu;
const PART_SPLIT_RE = /[._\-'*]+/u;
const LETTER_DIGIT_RE = /\p{L}+|\p{N}+/gu;

/** NFKC and lowercase: the normal form every comparison uses. */
export function normalize(text: string): string {
  // Printable ASCII is already in NFKC form.
  return (ASCII_RE.test(text) ? text : text.normalize('NFKC')).toLowerCase();
}

const ASCII_RE = /^[\x20-\x7e]*$/;

function hanTokens(run: string, out: string[]): void {
  if (HAN_LONE_STOP.has(run)) return;
  for (const piece of run.split(HAN_STOP_RE)) {
    // Characters outside the BMP (CJK extension B…) are two UTF-16 units: cut by code point.
    const chars = piece.length === [...piece].length ? piece : [...piece];
    if (chars.length === 1) out.push(piece);
    for (let i = 0; i + 1 < chars.length; i++)
      out.push(typeof chars === 'string' ? chars.slice(i, i + 2) : `${chars[i]}${chars[i + 1]}`);
  }
}

function latinTokens(run: string, out: string[]): void {
  for (const [identifier] of run.matchAll(IDENTIFIER_RE)) {
    if (LATIN_STOP_WORDS.has(identifier)) continue;
    out.push(identifier);
    const parts = identifier.split(PART_SPLIT_RE).filter(Boolean);
    if (parts.length > 1) out.push(parts.join(''));
    if (parts.length > 1 || parts[0] !== identifier) {
      for (const part of parts) if (!LATIN_STOP_WORDS.has(part)) out.push(part);
    }
    for (const part of parts) {
      // yolov3 → yolo, v3; resnet50 → resnet, 50; short ones such as f1 or 1x1 stay whole.
      if (part.length <= 3) continue;
      const pieces = part.match(LETTER_DIGIT_RE) ?? [];
      for (let i = 0; pieces.length > 1 && i < pieces.length; i++) {
        const piece = pieces[i] ?? '';
        const next = pieces[i + 1] ?? '';
        if (piece.length > 2 && piece.endsWith('v') && /^\p{N}/u.test(next)) {
          out.push(piece.slice(0, -1), `v${next}`);
          i++;
        } else if (piece.length > 1) out.push(piece);
      }
    }
  }
}

function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x2fa1f)
  );
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200b)
  );
}

/** Most runs, and most pieces of text, a tokenizer keeps the tokens of. */
const CACHE_SIZE = 50_000;

/** What separates the parts of a field (aliases, tags, an answer's key terms): see fields.ts. */
const PIECE_SEPARATOR = ' ; ';

/** A tokenizer: text to its tokens, and (`tokenIds`) the same as numbers. */
export interface Tokenizer {
  (text: string): string[];
  /**
   * The distinct tokens of a text as numbers, in order of first appearance, in a view of a buffer that
   * the next call overwrites. A token keeps its number until the tokenizer empties its caches (at
   * 200,000 distinct tokens); numbers are never reused. `unique`: the text's pieces are not expected
   * again (a question), so they are not kept in the piece cache, which stays small and quick.
   */
  tokenIds(text: string, unique?: boolean): Int32Array;
  /** The text of a token number from the latest call. */
  tokenText(id: number): string;
  /** Empties the caches (after an index is built); later calls fill them again, with new numbers. */
  forget(): void;
  /**
   * The same tokens as a call, for text seen once (a query): tokenized without the caches, which it
   * neither fills nor pays for (a hostile query of 999 characters of made-up words: p99 7.6 → 2.0 ms).
   */
  fresh(text: string): string[];
}

/** A copy of `array`, at least `size` long. */
function grown(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const bigger = new Int32Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * A tokenizer whose tokens all end with `suffix` (the index marks the end of its tokens).
 *
 * Text repeats a lot, so the tokenizer keeps the tokens of up to 50,000 pieces of text (the parts of a
 * field between ` ; `: an alias, a tag, an answer's key term) and of up to 50,000 runs (words,
 * identifiers, Chinese phrases): a repeated piece or run costs one lookup. Each distinct token has a
 * number, so that pieces keep their tokens as typed arrays, a call keeps the first occurrence of each
 * token with an array of marks instead of a Set, and an index can find a token's postings by an array
 * index instead of a hash (see postings.ts).
 */
export function tokenizer(options: { suffix: string }): Tokenizer {
  const { suffix } = options;
  const ids = new Map<string, number>();
  // The token texts by number, from `firstId` on (numbers before it were given out before a `forget`).
  let texts: string[] = [];
  let firstId = 0;
  const runs = new Map<string, Int32Array>();
  const pieces = new Map<string, Int32Array>();
  // By number − firstId: the last call that emitted the token.
  let seen = new Int32Array(1024);
  let calls = 0;
  let out = new Int32Array(256);

  const idOf = (raw: string): number => {
    const marked = raw + suffix;
    let id = ids.get(marked);
    if (id === undefined) {
      id = firstId + texts.length;
      texts.push(marked);
      ids.set(marked, id);
      seen = grown(seen, texts.length);
    }
    return id;
  };

  const runTokens = (text: string, kind: 1 | 2): Int32Array => {
    let cached = runs.get(text);
    if (cached === undefined) {
      const raw: string[] = [];
      if (kind === 1) hanTokens(text, raw);
      else latinTokens(text, raw);
      cached = Int32Array.from(raw, idOf);
      runs.set(text, cached);
    }
    return cached;
  };

  // One pass over a piece: runs of Han characters, and runs of anything else that is not a space.
  const pieceTokens = (piece: string, unique: boolean): Int32Array => {
    let cached = unique ? undefined : pieces.get(piece);
    if (cached !== undefined) return cached;
    const found: Int32Array[] = [];
    eachRun(piece, (run, kind) => found.push(runTokens(run, kind)));
    cached = found.length === 1 ? (found[0] ?? new Int32Array(0)) : joined(found);
    if (!unique) pieces.set(piece, cached);
    return cached;
  };

  const forget = (): void => {
    firstId += texts.length;
    ids.clear();
    texts = [];
    seen = new Int32Array(1024);
    calls = 0;
    runs.clear();
    pieces.clear();
  };
  const tokenIds = (text: string, unique = false): Int32Array => {
    // Emptied between calls only, so one call never gives two numbers of the same text.
    if (texts.length >= 4 * CACHE_SIZE || runs.size >= CACHE_SIZE || calls >= 0x7fffffff) forget();
    else if (pieces.size >= CACHE_SIZE) pieces.clear();
    const call = ++calls;
    let n = 0;
    // Pieces are cut before normalising: NFKC and lowercasing never reach across a space, so the tokens
    // are the same, and a repeated piece is not normalised again.
    for (let from = 0; from <= text.length; ) {
      let to = text.indexOf(PIECE_SEPARATOR, from);
      if (to < 0) to = text.length;
      const piece = pieceTokens(text.slice(from, to), unique);
      if (n + piece.length > out.length) out = grown(out, n + piece.length);
      for (let i = 0; i < piece.length; i++) {
        const id = piece[i] ?? 0;
        if (seen[id - firstId] !== call) {
          seen[id - firstId] = call;
          out[n++] = id;
        }
      }
      from = to + PIECE_SEPARATOR.length;
    }
    return out.subarray(0, n);
  };
  const tokenText = (id: number): string => texts[id - firstId] ?? '';
  const strings = (text: string): string[] => Array.from(tokenIds(text), tokenText);
  // A query's words are mostly seen once (and typos, or made-up text, always): tokenized directly,
  // without numbering or caching them, so a stream of them neither grows the caches nor pays for them.
  const fresh = (text: string): string[] => {
    const distinct = new Set<string>();
    const raw: string[] = [];
    for (const piece of text.split(PIECE_SEPARATOR))
      eachRun(piece, (run, kind) => {
        raw.length = 0;
        if (kind === 1) hanTokens(run, raw);
        else latinTokens(run, raw);
        for (const token of raw) distinct.add(token + suffix);
      });
    return [...distinct];
  };
  return Object.assign(strings, { tokenIds, tokenText, forget, fresh });
}

/**
 * Calls `onRun` for each run of a normalised piece: runs of Han characters (kind 1), and runs of anything
 * else that is not a space (kind 2).
 */
function eachRun(piece: string, onRun: (run: string, kind: 1 | 2) => void): void {
  const s = normalize(piece);
  let start = 0;
  let kind: 0 | 1 | 2 = 0; // 0: space, 1: Han, 2: other
  for (let i = 0; i <= s.length; ) {
    let code = i < s.length ? s.charCodeAt(i) : -1;
    if (code >= 0xd800 && code <= 0xdbff) code = s.codePointAt(i) ?? code;
    const k = code < 0 ? 0 : isSpace(code) ? 0 : isHan(code) ? 1 : 2;
    if (k !== kind) {
      if (kind !== 0) onRun(s.slice(start, i), kind);
      start = i;
      kind = k;
    }
    i += code > 0xffff ? 2 : 1;
  }
}

/** The arrays one after the other. */
function joined(parts: readonly Int32Array[]): Int32Array {
  let size = 0;
  for (const part of parts) size += part.length;
  const all = new Int32Array(size);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

const plain = tokenizer({ suffix: '' });

/** Splits text into search tokens, unique, in order of first appearance. */
export const tokenize: (text: string) => string[] = plain;

/** The same for a query, text seen once: without the tokenizer's caches (`Tokenizer.fresh`). */
export const tokenizeQuery: (text: string) => string[] = plain.fresh;

/** True for tokens of Latin script (candidates for typo tolerance). */
export function isLatinToken(token: string): boolean {
  return /^[\p{Script=Latin}\p{N}_+#.\-*']+$/u.test(token) && /\p{L}/u.test(token);
}
