/**
 * Orama's default index component with its scoring bookkeeping slimmed down for the way dlkb uses it.
 * Our tokenizer returns each token of a field once, so a token's frequency in a field is always
 * `1 / fieldLength`: it need not be stored per document and token, which is most of Orama's memory and
 * build time at 100,000 entries (a frequency object per field and document, and a quadratic count).
 *
 * - `insertDocumentScoreParameters` keeps field lengths and their average, no frequency object.
 * - `insertTokenScoreParameters` only counts in how many documents a token occurs.
 * - `search` scores with Orama's BM25 formula, tf = 1 / fieldLength. An exact search looks the token's
 *   radix node up directly: Orama's `findAllWords` deduplicates documents with `Array.includes`
 *   (quadratic: 50 ms for a token in 10,000 documents) and expands every prefix. A typo-tolerant search
 *   (`tolerance > 0`, our last resort) still uses Orama's radix `find`.
 *
 * This reads Orama's internal index layout (radix nodes with `c` children, `s` label, `e` end flag and
 * `d` document set), so the package is pinned to an exact version, and tests/search/orama-index.test.ts
 * checks the scores against a plain Orama index.
 */
import { components } from '@orama/orama';

interface RadixNode {
  c: Map<string, RadixNode>;
  s: string;
  e: boolean;
  d: Set<number>;
  find(params: { term: string; exact?: boolean; tolerance?: number }): Record<string, number[]>;
}

/** The parts of Orama's index this module reads and writes. */
interface IndexData {
  indexes: Record<string, { type: string; node: RadixNode }>;
  tokenOccurrences: Record<string, Record<string, number>>;
  avgFieldLength: Record<string, number>;
  fieldLengths: Record<string, Record<number, number>>;
}

type BaseIndex = ReturnType<typeof components.index.createIndex>;
type SearchArgs = Parameters<BaseIndex['search']>;

/** The node of exactly this word in a radix tree, or null. */
export function findExact(root: RadixNode, word: string): RadixNode | null {
  let node = root;
  let i = 0;
  while (i < word.length) {
    const child = node.c.get(word[i] ?? '');
    if (!child || !word.startsWith(child.s, i)) return null;
    i += child.s.length;
    node = child;
  }
  return node.e ? node : null;
}

/** Orama's BM25 (with its `d` term), for a token that occurs once in a field of `length` tokens. */
function bm25(
  matching: number,
  docs: number,
  length: number,
  average: number,
  r: { k: number; b: number; d: number },
): number {
  const tf = 1 / length;
  const idf = Math.log(1 + (docs - matching + 0.5) / (matching + 0.5));
  return (idf * (r.d + tf * (r.k + 1))) / (tf + r.k * (1 - r.b + (r.b * length) / average));
}

/** The index component to pass to Orama's `create({ components: { index } })`. */
export function slimIndex(): BaseIndex {
  const base = components.index.createIndex();
  return {
    ...base,
    insertDocumentScoreParameters(index, prop, id, tokens, docsCount) {
      const data = index as unknown as IndexData;
      data.avgFieldLength[prop] =
        ((data.avgFieldLength[prop] ?? 0) * (docsCount - 1) + tokens.length) / docsCount;
      const lengths = data.fieldLengths[prop];
      if (lengths) lengths[Number(id)] = tokens.length;
    },
    insertTokenScoreParameters(index, prop, _id, _tokens, token) {
      const occurrences = (index as unknown as IndexData).tokenOccurrences[prop];
      if (occurrences) occurrences[token] = (occurrences[token] ?? 0) + 1;
    },
    search(...args: SearchArgs) {
      const [index, term, tokenizer, language, properties, , tolerance, boost, relevance, docsCount, where] =
        args;
      const data = index as unknown as IndexData;
      const scores = new Map<number, number>();
      const tokens = tokenizer.tokenize(term, language);
      for (const prop of properties) {
        const tree = data.indexes[prop];
        const lengths = data.fieldLengths[prop];
        const occurrences = data.tokenOccurrences[prop];
        const average = data.avgFieldLength[prop] ?? 1;
        if (tree?.type !== 'Radix' || !lengths || !occurrences) continue;
        const weight = (boost as Record<string, number | undefined>)[prop] ?? 1;
        for (const token of tokens) {
          const found: [string, Iterable<number>][] = [];
          if (tolerance > 0)
            found.push(...Object.entries(tree.node.find({ term: token, exact: false, tolerance })));
          else {
            const node = findExact(tree.node, token);
            if (node) found.push([token, node.d]);
          }
          for (const [word, ids] of found) {
            const matching = occurrences[word] ?? 0;
            for (const id of ids) {
              if (where && !where.has(id)) continue;
              const score = bm25(matching, docsCount, lengths[id] ?? 1, average, relevance) * weight;
              scores.set(id, (scores.get(id) ?? 0) + score);
            }
          }
        }
      }
      return [...scores].sort((a, b) => b[1] - a[1]);
    },
  };
}

/** Document counts of tokens, read from an index built with `slimIndex`. */
export interface TokenCounts {
  /** In how many documents' fields the token occurs, summed over the fields. */
  count(token: string): number;
  /** Every indexed token. */
  words(): Set<string>;
}

/** Reads the token counts Orama keeps per field, for the fields given. */
export function tokenCounts(db: { data: { index: unknown } }, fields: readonly string[]): TokenCounts {
  const occurrences = (db.data.index as IndexData).tokenOccurrences;
  const perField = fields.map((f) => occurrences[f] ?? {});
  return {
    count: (token) => {
      let n = 0;
      for (const counts of perField) n += counts[token] ?? 0;
      return n;
    },
    words: () => new Set(perField.flatMap((counts) => Object.keys(counts))),
  };
}
