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

/** One distinct token of a tokenizer: its text, a number of its own, and the last call that emitted it. */
export interface Token {
  readonly text: string;
  readonly id: number;
  call: number;
}

/** A tokenizer: text to its tokens, and (`tokens`) the same as `Token` objects. */
export interface Tokenizer {
  (text: string): string[];
  /**
   * The distinct tokens of a text as `Token`s, in order of first appearance. A token keeps its object
   * (and id) until the tokenizer empties its caches (at 200,000 distinct tokens).
   */
  tokens(text: string): Token[];
  /** Empties the caches (after an index is built); later calls fill them again, with new numbers. */
  forget(): void;
}

/**
 * A tokenizer whose tokens all end with `suffix` (the index marks the end of its tokens).
 *
 * Text repeats a lot, so the tokenizer keeps the tokens of up to 50,000 pieces of text (the parts of a
 * field between ` ; `: an alias, a tag, an answer's key term) and of up to 50,000 runs (words,
 * identifiers, Chinese phrases): a repeated piece or run costs one lookup, and its tokens are the same
 * string objects each time, whose hashes V8 has already computed for the index's maps. Each distinct
 * token is one `Token` that remembers the last call that emitted it, so a call keeps the first
 * occurrence of each token without building a Set, and has a number, so that an index can keep its
 * documents in an array instead of a map (see orama-index.ts).
 */
export function tokenizer(options: { suffix: string }): Tokenizer {
  const { suffix } = options;
  const tokens = new Map<string, Token>();
  const runs = new Map<string, Token[]>();
  const pieces = new Map<string, Token[]>();
  let calls = 0;
  // Never reset, so that a number always means one token text.
  let nextId = 0;

  const runTokens = (text: string, kind: 1 | 2): Token[] => {
    let cached = runs.get(text);
    if (cached === undefined) {
      const raw: string[] = [];
      if (kind === 1) hanTokens(text, raw);
      else latinTokens(text, raw);
      cached = raw.map((t) => {
        const marked = t + suffix;
        let token = tokens.get(marked);
        if (token === undefined) {
          token = { text: marked, id: nextId++, call: 0 };
          tokens.set(marked, token);
        }
        return token;
      });
      runs.set(text, cached);
    }
    return cached;
  };

  // One pass over a piece: runs of Han characters, and runs of anything else that is not a space.
  const pieceTokens = (piece: string): Token[] => {
    let cached = pieces.get(piece);
    if (cached !== undefined) return cached;
    cached = [];
    const s = normalize(piece);
    let start = 0;
    let kind: 0 | 1 | 2 = 0; // 0: space, 1: Han, 2: other
    for (let i = 0; i <= s.length; ) {
      let code = i < s.length ? s.charCodeAt(i) : -1;
      if (code >= 0xd800 && code <= 0xdbff) code = s.codePointAt(i) ?? code;
      const k = code < 0 ? 0 : isSpace(code) ? 0 : isHan(code) ? 1 : 2;
      if (k !== kind) {
        if (kind !== 0) for (const t of runTokens(s.slice(start, i), kind)) cached.push(t);
        start = i;
        kind = k;
      }
      i += code > 0xffff ? 2 : 1;
    }
    pieces.set(piece, cached);
    return cached;
  };

  const forget = (): void => {
    tokens.clear();
    runs.clear();
    pieces.clear();
  };
  const collect = (text: string): Token[] => {
    // Emptied between calls only, so one call never sees two Token objects of the same text.
    if (tokens.size >= 4 * CACHE_SIZE || runs.size >= CACHE_SIZE) forget();
    else if (pieces.size >= CACHE_SIZE) pieces.clear();
    const call = ++calls;
    const out: Token[] = [];
    // Pieces are cut before normalising: NFKC and lowercasing never reach across a space, so the tokens
    // are the same, and a repeated piece is not normalised again.
    for (let from = 0; from <= text.length; ) {
      let to = text.indexOf(PIECE_SEPARATOR, from);
      if (to < 0) to = text.length;
      for (const token of pieceTokens(text.slice(from, to))) {
        if (token.call !== call) {
          token.call = call;
          out.push(token);
        }
      }
      from = to + PIECE_SEPARATOR.length;
    }
    return out;
  };
  return Object.assign((text: string) => collect(text).map((t) => t.text), { tokens: collect, forget });
}

/** Splits text into search tokens, unique, in order of first appearance. */
export const tokenize: (text: string) => string[] = tokenizer({ suffix: '' });

/** True for tokens of Latin script (candidates for typo tolerance). */
export function isLatinToken(token: string): boolean {
  return /^[\p{Script=Latin}\p{N}_+#.\-*']+$/u.test(token) && /\p{L}/u.test(token);
}
