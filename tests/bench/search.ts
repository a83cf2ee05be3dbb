/**
 * `npm run bench:search`: index build time, heap, and search latency (p50/p99 over the relevance
 * queries) at the real 114 entries and at 10,000 and 100,000 synthetic entries made from them.
 * Targets on one core: p99 ≤ 1 ms at 114 entries and ≤ 20 ms at 100,000; build of 100,000 ≤ 10 s.
 * The hostile row times 200 queries of 999 characters of made-up words: p99 ≤ 5 ms at 114 entries.
 */
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import type { Entry } from '../../src/features/knowledge/schema.ts';
import { SearchIndex } from '../../src/features/search/index.ts';
import { loadQueries } from '../relevance/evaluate.ts';
import { hostileQuery } from '../support/hostile.ts';
import { seeded } from '../support/random.ts';
import { latencySummary, mb, quantile } from './stats.ts';

const kb = loadKnowledge();
const queries = loadQueries().map((q) => q.q);
/** 999 characters of made-up words each: typo correction and the fuzzy fallback at their worst. */
const hostile = Array.from({ length: 200 }, (_, i) => hostileQuery(i + 1));

/**
 * Synthetic entries: copies of the real ones with their aliases and answer bullets reshuffled, and a
 * few made-up words (from a vocabulary of 20,000) so that documents differ and the vocabulary grows.
 * Texts are joined with `join`, which gives flat strings: a template literal gives a rope that V8
 * flattens on first use, so the timed build would pay for the generator's concatenations.
 */
function synthetic(n: number): Entry[] {
  const random = seeded(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const shuffle = <T>(list: readonly T[]): T[] => [...list].sort(() => random() - 0.5);
  const out: Entry[] = [];
  for (let i = 0; i < n; i++) {
    const base = pick(kb.entries);
    const words = Array.from({ length: 4 }, () => `syn${Math.floor(random() * 20000).toString(36)}`);
    const bullets = base.answer.split('\n- ');
    out.push({
      ...base,
      id: `s${i.toString(36)}`,
      question: [base.question, words[0]].join(' '),
      aliases: [...shuffle(base.aliases).slice(0, Math.max(1, base.aliases.length - 2)), words[1] ?? ''],
      tags: [...base.tags, words[2] ?? ''],
      answer: [...shuffle(bullets), words[3]].join('\n- '),
    });
  }
  return out;
}

function measure(label: string, entries: readonly Entry[]): void {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const index = new SearchIndex(entries);
  const buildMs = performance.now() - t0;
  // CPU time of the process (GC threads included): on a loaded machine it shows the work behind the wall time.
  const cpu = process.cpuUsage(cpu0);
  const buildCpuMs = (cpu.user + cpu.system) / 1000;
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  // Warm up, then time every relevance query a few times.
  for (const q of queries) index.search(q);
  const times: number[] = [];
  const rounds = entries.length > 50_000 ? 1 : entries.length > 5_000 ? 2 : 10;
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const s = performance.now();
      index.search(q);
      times.push(performance.now() - s);
    }
  }
  const hostileTimes: number[] = [];
  for (const q of hostile) {
    const s = performance.now();
    index.search(q);
    hostileTimes.push(performance.now() - s);
  }
  const suggest: number[] = [];
  for (const q of queries) {
    const prefix = [...q].slice(0, 2).join('');
    const s = performance.now();
    index.suggest(prefix);
    suggest.push(performance.now() - s);
  }
  console.log(
    `${label.padEnd(8)} build ${(buildMs / 1000).toFixed(2)} s (cpu ${(buildCpuMs / 1000).toFixed(2)} s)  heap +${mb(heap)}  search ${latencySummary(times)}  suggest p50 ${quantile(suggest, 0.5).toFixed(3)} ms`,
  );
  console.log(`${''.padEnd(8)} hostile ${latencySummary(hostileTimes)}`);
  if (!globalThis.gc) console.log('         (run through npm run bench:search for heap figures after GC)');
}

console.log(`search benchmark: ${queries.length} relevance queries; node ${process.version}\n`);
// `npm run bench:search -- 100000` measures one size only.
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
for (const size of sizes.length > 0 ? sizes : [114, 10_000, 100_000]) {
  measure(size.toLocaleString('en'), size === 114 ? kb.entries : synthetic(size));
}
console.log(
  '\ntargets: p99 ≤ 1 ms at 114 entries, ≤ 20 ms at 100,000; build of 100,000 ≤ 10 s; hostile p99 ≤ 5 ms at 114',
);
