/**
 * Hostile queries (hundreds of unknown words) must cost about as much as a normal one: typo correction
 * and the fuzzy last resort spend a per-query budget instead of running once per word.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { QUERY_LIMITS, SearchIndex, searchBudget } from '../../src/features/search/index.ts';
import { MAX_QUERY_LENGTH } from '../../src/features/search/query.ts';
import { Speller } from '../../src/features/search/typo.ts';
import { hostileQuery } from '../support/hostile.ts';
import { seeded } from '../support/random.ts';

describe('the speller spends a budget', () => {
  const vocabulary = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36).padStart(5, 'q')}`);
  const speller = new Speller([...vocabulary, 'dropout'], () => 1);

  it('corrects within the budget and counts what it spent', () => {
    const budget = { comparisons: 100_000 };
    expect(speller.correct('droput', budget)).toBe('dropout');
    expect(budget.comparisons).toBeLessThan(100_000);
    expect(budget.comparisons).toBeGreaterThan(100_000 - vocabulary.length - 2);
  });

  it('stops comparing when the comparisons run out', () => {
    const budget = { comparisons: 50 };
    // `dropout` comes last in the vocabulary: beyond the 50 comparisons allowed.
    expect(speller.correct('droput', budget)).toBeUndefined();
    expect(budget.comparisons).toBe(0);
    expect(speller.near('droput', budget)).toEqual([]);
    expect(speller.near('droput', { comparisons: 100_000 })).toEqual(['dropout']);
  });
});

describe('a hostile query is bounded', () => {
  let index: SearchIndex;
  beforeAll(() => {
    index = SearchIndex.of(loadKnowledge());
  });

  it('corrects a few words and runs a few fuzzy searches, whatever the number of unknown words', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const query = hostileQuery(seed);
      expect(query.split(' ').length).toBeGreaterThan(90);
      const budget = searchBudget();
      index.search(query, { budget });
      expect(budget.words).toBe(0);
      expect(budget.comparisons).toBeGreaterThanOrEqual(0);
      expect(budget.fuzzy).toBeGreaterThanOrEqual(0);
      expect(QUERY_LIMITS.comparisons - budget.comparisons).toBeGreaterThan(0);
    }
  });

  it('runs the fuzzy last resort on the first two unknown words only', () => {
    // Words of q, x, z and j: nothing within two edits, so nothing matches and the fuzzy search runs.
    const random = seeded(3);
    const word = () => Array.from({ length: 8 }, () => 'qxzj'[Math.floor(random() * 4)]).join('');
    const budget = searchBudget();
    expect(index.search(Array.from({ length: 100 }, word).join(' '), { budget })).toEqual([]);
    expect(budget.fuzzy).toBe(0);
    expect(budget.words).toBe(0);
  });

  it('finds index words with symbols through the fuzzy last resort, within its budget', () => {
    const budget = searchBudget();
    expect(index.search('c+++', { budget, limit: 3 }).map((h) => h.entry.id)).toContain('cpp-polymorphism');
    expect(budget.fuzzy).toBe(QUERY_LIMITS.fuzzyWords - 1);
    expect(index.search('c+++', { budget: { words: 4, comparisons: 4000, fuzzy: 0 } })).toEqual([]);
  });

  it('spends nothing on a query of known words', () => {
    const budget = searchBudget();
    index.search('batch norm inference', { budget });
    expect(budget).toEqual(searchBudget());
  });

  it('still corrects the typos of a normal query, and corrects nothing without a budget', () => {
    const ids = (hits: { entry: { id: string } }[]) => hits.map((h) => h.entry.id);
    expect(ids(index.search('inceptoin', { limit: 3 }))).toContain('inception');
    expect(index.search('tranformer layernorm')[0]?.entry.id).toBe('transformer-layernorm');
    const none = { words: 0, comparisons: 0, fuzzy: 0 };
    expect(index.search('inceptoin', { budget: none })).toEqual([]);
  });

  it('spends the budget on the first words: a typo at the start of a hostile query is still corrected', () => {
    const hits = index.search(`inceptoin ${hostileQuery(7)}`.slice(0, MAX_QUERY_LENGTH - 1), { limit: 3 });
    expect(hits.map((h) => h.entry.id)).toContain('inception');
  });
});
