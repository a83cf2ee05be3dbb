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

const HAN_STOP_WORDS = [
  '为什么',
  '怎么样',
  '是什么',
  '有什么',
  '有哪些',
  '怎么',
  '怎样',
  '如何',
  '什么',
  '哪些',
  '区别',
  '一下',
  '请问',
  '说说',
  '讲讲',
  '简述',
  '介绍',
  '以及',
  '时候',
  '一个',
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '啊',
  '和',
  '与',
  '及',
  '或',
];

const LATIN_STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'is',
  'are',
  'was',
  'be',
  'of',
  'in',
  'on',
  'for',
  'to',
  'and',
  'or',
  'what',
  'how',
  'why',
  'does',
  'do',
  'vs',
  'with',
  'between',
  'difference',
  'differences',
  'explain',
  'which',
  'when',
  'it',
  'its',
  'can',
  'you',
  'i',
  'me',
  'about',
  'from',
  'by',
  'as',
  'at',
  'this',
  'that',
  'use',
  'used',
]);

/** A Han run of one character between Latin words (`BN在inference`) is a particle, not a term. */
const HAN_LONE_STOP = new Set([
  '在',
  '中',
  '是',
  '用',
  '和',
  '与',
  '的',
  '了',
  '里',
  '对',
  '要',
  '及',
  '或',
  '有',
]);

const HAN_STOP_RE = new RegExp(HAN_STOP_WORDS.join('|'), 'gu');
const SEGMENT_RE = /(\p{Script=Han}+)|([^\s\p{Script=Han}]+)/gu;
const IDENTIFIER_RE = /\*{0,2}[\p{L}\p{N}_](?:[\p{L}\p{N}_+#.\-']*[\p{L}\p{N}_+#])?/gu;
const PART_SPLIT_RE = /[._\-'*]+/u;
const LETTER_DIGIT_RE = /\p{L}+|\p{N}+/gu;

/** NFKC, lowercase, and fold curly quotes: the normal form every comparison uses. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function hanTokens(run: string, out: string[]): void {
  if (HAN_LONE_STOP.has(run)) return;
  for (const piece of run.split(HAN_STOP_RE)) {
    if (piece.length === 1) out.push(piece);
    for (let i = 0; i + 1 < piece.length; i++) out.push(piece.slice(i, i + 2));
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

/** Splits text into search tokens, unique, in order of first appearance. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of normalize(text).matchAll(SEGMENT_RE)) {
    if (match[1]) hanTokens(match[1], out);
    else if (match[2]) latinTokens(match[2], out);
  }
  return [...new Set(out)];
}

/** True for tokens of Latin script (candidates for typo tolerance). */
export function isLatinToken(token: string): boolean {
  return /^[\p{Script=Latin}\p{N}_+#.\-*']+$/u.test(token) && /\p{L}/u.test(token);
}
