import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { CONFIDENCE } from '../../src/features/search/confidence.ts';
import { fieldTexts } from '../../src/features/search/fields.ts';
import { SearchIndex } from '../../src/features/search/index.ts';
import { tokenize } from '../../src/features/search/tokenize.ts';
import { loadOutOfScope, measureConfidence } from '../relevance/confidence.ts';
import { loadQueries } from '../relevance/evaluate.ts';

let index: SearchIndex;
const kb = loadKnowledge();

beforeAll(() => {
  index = SearchIndex.of(kb);
});

describe('the confidence rule', () => {
  it('is confident about a query that names its topic', () => {
    const result = index.query('非极大值抑制');
    expect(result.hits[0]?.entry.id).toBe('nms');
    expect(result.confident).toBe(true);
    expect(result.confidence.score).toBe(result.hits[0]?.score);
  });

  it('is not confident about a topic the knowledge base does not cover, and still returns the closest hits', () => {
    const result = index.query('Kubernetes 怎么部署服务');
    expect(result.confident).toBe(false);
    expect(result.confidence.score).toBeLessThan(CONFIDENCE.score);
    expect(result.confidence.share).toBeLessThan(CONFIDENCE.share);
    expect(result.hits.length).toBeGreaterThan(0);
  });

  it('is not confident without any hit', () => {
    const result = index.query('HTTP 和 HTTPS 的区别');
    expect(result.hits).toEqual([]);
    expect(result.confidence).toEqual({ confident: false, score: 0, share: 0 });
  });

  it('judges a misspelt query on its corrected tokens', () => {
    const result = index.query('inceptoin v3');
    expect(result.tokens).toContain('inception');
    expect(result.tokens).not.toContain('inceptoin');
    expect(result.confident).toBe(true);
  });

  it('does not let the score of guessed words alone make a query confident', () => {
    const result = index.query('how do I bake bread');
    expect(result.corrections.length).toBe(result.tokens.length);
    expect(result.corrections.map((c) => c.from)).toContain('bread');
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.confident).toBe(false);
    // A misspelt name with a word found as typed is still judged on its score.
    expect(index.query('inceptoin v3').corrections).toEqual([{ from: 'inceptoin', to: 'inception' }]);
  });

  it('counts a token once per entry however many fields hold it (df over entries)', () => {
    const judge = index.confidence;
    for (const token of ['bn', '归一', 'loss', 'nms']) {
      const naive = kb.entries.filter((e) =>
        new Set(tokenize(Object.values(fieldTexts(e)).join(' ; '))).has(token),
      );
      expect(judge.documents(token), token).toBe(naive.length);
    }
    expect(judge.idf('没有这个词')).toBeCloseTo(Math.log((kb.entries.length + 1) / 0.5));
  });

  it('weighs rare words most: the share is 1 when every token is in the entry, less when a rare one is not', () => {
    const nms = kb.get('nms');
    if (!nms) throw new Error('nms entry missing');
    expect(index.confidence.share(['nms'], nms)).toBe(1);
    expect(index.confidence.share(['nms', 'kubernetes'], nms)).toBeLessThan(0.5);
  });

  it('keeps its measured figures: flags ≥ 29 of the out-of-scope set and ≤ 16 right top hits', () => {
    const figures = measureConfidence(loadQueries(), loadOutOfScope(), (q) => {
      try {
        return index.query(q, { limit: 10 });
      } catch {
        return undefined;
      }
    });
    expect(figures.outside.n).toBeGreaterThanOrEqual(30);
    expect(figures.outside.flagged).toBeGreaterThanOrEqual(29);
    expect(figures.rightFlagged.flagged).toBeLessThanOrEqual(16);
  });
});
