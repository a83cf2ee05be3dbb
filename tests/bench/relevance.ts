/**
 * `npm run bench:relevance`: recall@1, recall@3 and MRR@10 per kind of query, for dlkb's search and for a
 * baseline: a plain Orama index with its default tokenizer over the questions alone; then the confidence
 * rule: how many out-of-scope queries it flags, and how many right top hits it wrongly flags.
 */
import { create, insert, search } from '@orama/orama';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { CONFIDENCE } from '../../src/features/search/confidence.ts';
import { FollowUpIndex } from '../../src/features/search/followup-index.ts';
import { SearchIndex } from '../../src/features/search/index.ts';
import { SHOWN } from '../../src/features/search/views.ts';
import { loadOutOfScope, measureConfidence } from '../relevance/confidence.ts';
import { evaluate, KINDS, loadQueries, RECALL3_FLOOR, type Scores } from '../relevance/evaluate.ts';
import { loadFollowUpQueries, measureFollowUps, measureOfferNoise } from '../relevance/followups.ts';

const kb = loadKnowledge();
const queries = loadQueries();
const ours = SearchIndex.of(kb);

const baseline = create({ schema: { question: 'string' } as const });
for (const e of kb.entries) await insert(baseline, { id: e.id, question: e.question });

const oursResult = evaluate(queries, (q) => ours.search(q, { limit: 10 }).map((h) => h.entry.id));
const baseHits = new Map<string, string[]>();
for (const q of queries) {
  const r = await search(baseline, { term: q.q, limit: 10 });
  baseHits.set(
    q.q,
    r.hits.map((h) => h.id),
  );
}
const baseResult = evaluate(queries, (q) => baseHits.get(q) ?? []);

const fmt = (s: Scores) => `${s.recall1.toFixed(3)}  ${s.recall3.toFixed(3)}  ${s.mrr10.toFixed(3)}`;
console.log(`relevance set: ${queries.length} queries over ${kb.entries.length} entries\n`);
console.log('kind        n   | dlkb: R@1    R@3    MRR@10 | baseline: R@1    R@3    MRR@10');
for (const kind of [...KINDS, 'all'] as const) {
  const o = oursResult.byKind[kind];
  const b = baseResult.byKind[kind];
  console.log(`${kind.padEnd(9)} ${String(o.n).padStart(4)} |       ${fmt(o)}  |           ${fmt(b)}`);
}
console.log('\nfloors (recall@3, the relevance test holds them):');
for (const kind of KINDS) {
  const r3 = oursResult.byKind[kind].recall3;
  console.log(
    `  ${kind.padEnd(9)} ${r3.toFixed(3)} ≥ ${RECALL3_FLOOR[kind].toFixed(3)} ${r3 >= RECALL3_FLOOR[kind] ? '✓' : '✗'}`,
  );
}
console.log(
  `target for described: recall@3 ≥ 0.90 (dlkb: ${oursResult.byKind.described.recall3.toFixed(3)})`,
);
if (process.argv.includes('--misses')) {
  for (const m of oursResult.misses)
    console.log(`miss: ${m.q}  expect ${m.expect.join(',')}  got ${m.got.join(',')}`);
} else {
  console.log(
    `${oursResult.misses.length} queries miss the top 3 (list them with: npm run bench:relevance -- --misses)`,
  );
}

const confidence = measureConfidence(queries, loadOutOfScope(), (q) => {
  try {
    return ours.query(q, { limit: 10 });
  } catch {
    return undefined;
  }
});
const { outside, rightFlagged, wrongFlagged } = confidence;
console.log(
  `\nconfidence (not confident when score < ${CONFIDENCE.score} and IDF-weighted share < ${CONFIDENCE.share}):`,
);
console.log(`  out-of-scope queries flagged            ${outside.flagged}/${outside.n}`);
const kinds = Object.entries(rightFlagged.byKind)
  .map(([kind, n]) => `${kind} ${n}`)
  .join(', ');
console.log(
  `  right top hits wrongly flagged          ${rightFlagged.flagged}/${rightFlagged.n}${kinds ? ` (${kinds})` : ''}`,
);
console.log(`  wrong top hits flagged                  ${wrongFlagged.flagged}/${wrongFlagged.n}`);
if (process.argv.includes('--misses')) {
  for (const q of outside.missed) console.log(`confident though out of scope: ${q}`);
  for (const q of rightFlagged.queries) console.log(`flagged though right: ${q}`);
}

// Follow-ups (追问): /search lists the main result exactly as above and offers the confident matches of
// the follow-up index (followup-index.ts) next to it; measured on the follow-up set, with their noise.
const followUps = new FollowUpIndex(kb);
const followed = (q: string) => {
  try {
    // As /search asks: the main result of its SHOWN hits, then the follow-ups.
    const main = ours.query(q, { limit: SHOWN });
    return { main: main.hits, related: followUps.related(q, {}, main) };
  } catch {
    return undefined;
  }
};
const fu = measureFollowUps(loadFollowUpQueries(), followed);
const noise = measureOfferNoise(queries, loadOutOfScope(), followed);
console.log(`\nfollow-ups (offered next to the unchanged main result), ${fu.n} follow-up queries:`);
console.log(`  the follow-up offered                   ${fu.offered}/${fu.n}`);
console.log(`  its parent in the main top 3 (no index) ${fu.mainParent3}/${fu.n}`);
console.log(`  out-of-scope queries offered one        ${noise.outside}/${noise.outsideN}`);
console.log(`  in-scope queries offered an unrelated   ${noise.offTopic}/${noise.inScopeN}`);
if (process.argv.includes('--misses')) {
  for (const q of fu.missed) console.log(`follow-up not offered: ${q}`);
  for (const e of noise.examples) console.log(`offered: ${e}`);
}
