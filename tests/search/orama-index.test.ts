import { create, insert, remove, save, search } from '@orama/orama';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { slimIndex, slimTokenizer } from '../../src/features/search/orama-index.ts';
import { isLatinToken, tokenizer as ourTokenizer, tokenize } from '../../src/features/search/tokenize.ts';
import { loadQueries } from '../relevance/evaluate.ts';

const END = '\u0003';
const tokenizer = () => ({
  language: 'dlkb',
  normalizationCache: new Map<string, string>(),
  tokenize: (raw: string) => tokenize(raw).map((t) => t + END),
});
const schema = { question: 'string', aliases: 'string', category: 'enum' } as const;
/** Token texts by number, for the tokenizer whose every call gives new numbers. */
const fresh: string[] = [];
/**
 * The tokenizers the slim index is built with: ours, which hands over token numbers (the index files
 * them by number); a plain one that gives strings; one whose every call gives new numbers, as after our
 * tokenizer empties its caches (the index then finds a token's list by its text).
 */
const slimTokenizers = {
  tokens: () => slimTokenizer(ourTokenizer({ suffix: END })),
  strings: tokenizer,
  freshIds: () => ({
    ...tokenizer(),
    tokenIds: (raw: string) => Int32Array.from(tokenize(raw), (t) => fresh.push(t + END) - 1),
    tokenText: (id: number) => fresh[id] ?? '',
  }),
};
type Kind = 'plain' | keyof typeof slimTokenizers;

async function build(kind: Kind) {
  const db = create({
    schema,
    components:
      kind === 'plain'
        ? { tokenizer: tokenizer() }
        : { tokenizer: slimTokenizers[kind](), index: slimIndex() },
  });
  for (const e of loadKnowledge().entries) {
    await insert(db, {
      id: e.id,
      question: e.question,
      aliases: e.aliases.join(' ; '),
      category: e.category,
    });
  }
  return db;
}

describe('the slim Orama index component', () => {
  // Built once for the file: searching never changes them, and the refused remove leaves `slim` whole.
  let plain: Awaited<ReturnType<typeof build>>;
  let slim: Awaited<ReturnType<typeof build>>;
  let strings: Awaited<ReturnType<typeof build>>;
  let freshIds: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    [plain, slim, strings, freshIds] = await Promise.all([
      build('plain'),
      build('tokens'),
      build('strings'),
      build('freshIds'),
    ]);
  });

  it('scores exactly like Orama’s own index, on every relevance query, with boosts and filters', async () => {
    const queries = loadQueries().map((q) => q.q);
    for (const term of queries) {
      for (const where of [undefined, { category: { eq: 'deep-learning' } }]) {
        const params = { term, limit: 10, boost: { aliases: 3, question: 2 }, ...(where ? { where } : {}) };
        const a = await search(plain, params);
        for (const db of [slim, strings, freshIds]) {
          const b = await search(db, params);
          expect(
            b.hits.map((h) => h.id),
            term,
          ).toEqual(a.hits.map((h) => h.id));
          for (const [i, h] of b.hits.entries())
            expect(h.score).toBeCloseTo(a.hits[i]?.score ?? Number.NaN, 9);
        }
      }
    }
  });

  it('keeps typo tolerance working, with the same words and scores as Orama’s own index', async () => {
    const r = await search(slim, { term: 'dropuot', tolerance: 2, limit: 5 });
    expect(r.hits.length).toBeGreaterThan(0);
    // The words the search corrects this way: unknown Latin words of the typo queries, as it tolerates them.
    const words = loadQueries()
      .filter((q) => q.kind === 'typo')
      .flatMap((q) => tokenize(q.q))
      .filter((t) => isLatinToken(t) && t.length >= 4);
    expect(words.length).toBeGreaterThan(20);
    for (const term of new Set(['dropuot', ...words])) {
      const tolerance = term.length >= 7 ? 2 : 1;
      const params = { term, tolerance, limit: 10, boost: { aliases: 3, question: 2 } };
      const a = await search(plain, params);
      const b = await search(slim, params);
      expect(b.hits.map((h) => [h.id, h.score.toFixed(9)])).toEqual(
        a.hits.map((h) => [h.id, h.score.toFixed(9)]),
      );
    }
  });

  it('refuses to remove documents or be saved, instead of losing postings', async () => {
    await expect(async () => remove(slim, 'gil')).rejects.toThrow(/built once/);
    expect(() => save(slim)).toThrow(/built once/);
  });
});
