import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { SearchIndex } from '../../src/features/search/index.ts';
import { QueryError } from '../../src/features/search/query.ts';
import { MAX_SUGGESTION_LENGTH, MAX_SUGGESTIONS } from '../../src/features/search/suggest.ts';
import { evaluate, KINDS, loadQueries, RECALL3_FLOOR } from '../relevance/evaluate.ts';

let index: SearchIndex;
const first = (q: string, options = {}) => index.search(q, options)[0]?.entry.id;

beforeAll(() => {
  index = SearchIndex.of(loadKnowledge());
});

describe('search puts the right entry first for each kind of query', () => {
  it.each([
    ['Chinese', '梯度爆炸怎么解决', 'vanishing-exploding-grad'],
    ['Chinese', 'BN在inference的时候怎么加速', 'bn-inference-fuse'],
    ['synonym', '非极大值抑制', 'nms'],
    ['synonym', '批量归一化', 'bn-formula'],
    ['English', 'label smoothing', 'label-smoothing'],
    ['English', 'why layer norm in transformer', 'transformer-layernorm'],
    ['abbreviation', 'NMS', 'nms'],
    ['abbreviation', 'GIL', 'gil'],
    ['typo', 'inceptoin v3', 'inception'],
    ['typo', 'efficent det', 'efficientdet'],
  ])('%s: %s', (_kind, query, id) => {
    expect(first(query)).toBe(id);
  });

  it('finds a misspelled word with no exact match at all (droput)', () => {
    const ids = index.search('droput', { limit: 3 }).map((h) => h.entry.id);
    expect(ids.some((id) => id.includes('dropout'))).toBe(true);
  });
});

describe('filters and limits', () => {
  it('filters by category and difficulty', () => {
    const hits = index.search('loss', { category: 'pytorch', limit: 20 });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.entry.category).toBe('pytorch');
    for (const h of index.search('网络', { difficulty: 'hard', limit: 20 }))
      expect(h.entry.difficulty).toBe('hard');
  });

  it('honours the limit and ranks by descending score', () => {
    const hits = index.search('卷积 网络', { limit: 7 });
    expect(hits).toHaveLength(7);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
  });
});

describe('bad queries are clear errors, never crashes', () => {
  it.each([
    ['', 'empty'],
    ['   \t ', 'empty'],
    ['x'.repeat(1000), 'too-long'],
    ['😀🎉', 'no-words'],
    ['\u0000\u0007\u001b', 'empty'],
  ])('%j → %s', (query, problem) => {
    expect(() => index.search(query)).toThrow(QueryError);
    try {
      index.search(query);
    } catch (error) {
      expect((error as QueryError).problem).toBe(problem);
    }
  });

  it('accepts a query of 999 characters', () => {
    expect(() => index.search(`交叉熵${'a'.repeat(996)}`)).not.toThrow();
  });
});

describe('autocomplete suggestions', () => {
  it('returns at most 25 suggestions of at most 100 characters', () => {
    for (const partial of ['', 'b', 'bn', '交', 'yolo', 'p']) {
      const s = index.suggest(partial);
      expect(s.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
      for (const x of s) expect([...x.label].length).toBeLessThanOrEqual(MAX_SUGGESTION_LENGTH);
    }
  });

  it('puts prefix matches of ids and aliases first', () => {
    expect(index.suggest('nms')[0]?.id).toBe('nms');
    expect(index.suggest('ROI').map((s) => s.id)).toContain('roi-pool-align');
  });
});

describe('relevance set', () => {
  it('keeps recall@3 of every kind at its floor (run npm run bench:relevance for every figure)', () => {
    const queries = loadQueries();
    const { byKind } = evaluate(queries, (q) => index.search(q, { limit: 10 }).map((h) => h.entry.id));
    for (const kind of KINDS) {
      expect(byKind[kind].n, kind).toBeGreaterThanOrEqual(kind === 'described' ? 150 : 30);
      expect(byKind[kind].recall3, kind).toBeGreaterThanOrEqual(RECALL3_FLOOR[kind]);
    }
  });

  it('labels only ids that exist', () => {
    const kb = loadKnowledge();
    for (const q of loadQueries())
      for (const id of q.expect) expect(kb.get(id), `${q.q} → ${id}`).toBeDefined();
  });
});
