/**
 * Follow-ups (追问) in search: a small index of their own offers the confident follow-up matches next to
 * the main result, each with its parent entry and a button that asks it; the main list is the main
 * index's, unchanged. The follow-up set (tests/relevance/followup-queries.yaml) keeps a floor.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { FOLLOWUP_HITS, FollowUpIndex } from '../../src/features/search/followup-index.ts';
import { SearchIndex } from '../../src/features/search/index.ts';
import { SHOWN } from '../../src/features/search/views.ts';
import { decodeAction, MAX_ACTION_BYTES } from '../../src/kernel/action.ts';
import { allButtons, isActionButton, type Reply } from '../../src/kernel/reply.ts';
import type { Router } from '../../src/kernel/router.ts';
import { origin } from '../core/helpers.ts';
import { loadOutOfScope } from '../relevance/confidence.ts';
import { loadFollowUpQueries, measureFollowUps, measureOfferNoise } from '../relevance/followups.ts';

const kb = loadKnowledge();
const main = SearchIndex.of(kb);
const followUps = new FollowUpIndex(kb);

/** The floor of follow-up queries offered their follow-up: the measured 36/36, less one query. */
const OFFERED_FLOOR = 0.97;

function actions(reply: Reply | null | undefined): string[] {
  return allButtons(reply ?? {}).flatMap((b) => (isActionButton(b) ? [b.action] : []));
}

const followed = (q: string) => {
  try {
    const result = main.query(q, { limit: SHOWN });
    return { main: result.hits, related: followUps.related(q, {}, result) };
  } catch {
    return undefined;
  }
};

describe('the follow-up index', () => {
  it('offers the follow-up a follow-up query is about, with its parent', () => {
    const f = measureFollowUps(loadFollowUpQueries(), followed);
    expect(f.offered / f.n, f.missed.join('\n')).toBeGreaterThanOrEqual(OFFERED_FLOOR);
    // Without it, many of these parents are not even in the main index's top 3.
    expect(f.mainParent3).toBeLessThan(f.offered);
    const [hit] = followUps.related('DeepLab 为什么接 CRF');
    expect(hit?.card).toBe('fcn.dense-crf');
    expect(hit?.place.entry.id).toBe('fcn');
  });

  it('offers at most a few, rarely for out-of-scope queries, never on a corrected typo', () => {
    const noise = measureOfferNoise([], loadOutOfScope(), followed);
    expect(noise.outside).toBeLessThanOrEqual(2);
    for (const q of ['BN', '交叉熵', 'NMS'])
      expect(followUps.related(q).length).toBeLessThanOrEqual(FOLLOWUP_HITS);
    expect(followUps.related('random forrest')).toEqual([]);
    expect(followUps.related('')).toEqual([]);
    expect(followUps.related('DeepLab 为什么接 CRF', { category: 'python' })).toEqual([]);
  });
});

describe('/search with follow-ups', () => {
  let router: Router;
  beforeAll(async () => {
    router = await createRouter();
  });

  it('a query about a follow-up shows its parent and a private button that asks it', async () => {
    const reply = await router.invoke(
      { name: 'search', options: { query: 'DeepLab 为什么接 CRF' } },
      origin(),
    );
    const fcn = kb.get('fcn');
    expect(reply?.body).toContain('相关追问');
    expect(reply?.body).toContain(`原题：${fcn?.question}`);
    const ask = allButtons(reply ?? {})
      .filter(isActionButton)
      .find((b) => b.action === 'show:fq:fcn.dense-crf');
    expect(ask?.label).toBe('追问 1');
    expect(ask?.private).toBe(true);
    const question = await router.press(ask?.action ?? '', origin());
    expect(question.title).toMatch(/CRF/);
    expect(question.body).toContain(fcn?.question);
    expect(actions(question)).toContain('show:fa:fcn.dense-crf');
  });

  it('keeps the main list as the main index ranks it', async () => {
    for (const query of ['BN', 'batch norm inference', '非极大值抑制', 'FPN 相加还是拼接']) {
      const reply = await router.invoke({ name: 'search', options: { query } }, origin());
      const listed = actions(reply).filter((a) => decodeAction(a)?.verb === 'card');
      const expected = main.query(query, { limit: SHOWN });
      if (expected.confident)
        expect(listed, query).toEqual(expected.hits.slice(0, SHOWN).map((h) => `show:card:${h.entry.id}`));
      for (const a of actions(reply)) expect(Buffer.byteLength(a)).toBeLessThanOrEqual(MAX_ACTION_BYTES);
    }
  });

  it('speaks English to an English reader', async () => {
    const reply = await router.invoke(
      { name: 'search', options: { query: 'DeepLab 为什么接 CRF' } },
      origin({ locale: 'en' }),
    );
    expect(reply?.body).toContain('Related follow-ups');
    expect(reply?.body).toMatch(/Follow-up 1: .*CRF/);
    expect(allButtons(reply ?? {}).map((b) => b.label)).toContain('Follow-up 1');
  });
});
