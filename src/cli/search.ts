import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../features/knowledge/load.ts';
import { explainSearch, formatExplanation } from '../features/search/explain.ts';
import { type Hit, SearchIndex } from '../features/search/index.ts';
import { QueryError } from '../features/search/query.ts';
import { type CliCommand, processIo, UsageError } from './usage.ts';

/** A hit as `--json` prints it. */
function toJson(hit: Hit) {
  const e = hit.entry;
  return {
    id: e.id,
    question: e.question,
    title_en: e.title_en,
    category: e.category,
    score: hit.score,
    references: e.references.map((r) => r.url),
  };
}

function readable(query: string, hits: Hit[]): string {
  if (hits.length === 0) return `no match for "${query}"`;
  return hits
    .map(
      (h, i) =>
        `${String(i + 1).padStart(2)}. ${h.entry.id.padEnd(24)} ${h.score.toFixed(2).padStart(8)}  ${h.entry.question}`,
    )
    .join('\n');
}

/**
 * `dlkb search "<query>" [--limit N] [--category C] [--json] [--explain]`; with no query, one query per
 * stdin line and one output line per query (batch mode: a bad query prints an empty result there).
 * `--explain` prints, per hit, the fields and words that matched, the corrections, the score and the
 * confidence verdict with its two figures (as JSON with `--json`).
 */
export const search: CliCommand = {
  usage:
    'search ["<query>"] [--limit N] [--category C] [--json] [--explain]   ranked hits (--explain: why); no query: one per stdin line',
  async run(args, io = processIo) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        limit: { type: 'string', default: '10' },
        category: { type: 'string' },
        json: { type: 'boolean', default: false },
        explain: { type: 'boolean', default: false },
      },
    });
    if (values.explain && positionals.length === 0)
      throw new UsageError('--explain needs a query, e.g. --explain "特征的量纲差很多"');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new UsageError('--limit takes a whole number from 1 to 100');
    const kb = loadKnowledge();
    if (values.category && !kb.category(values.category)) {
      throw new UsageError(
        `unknown category "${values.category}"; one of: ${kb.categories.map((c) => c.id).join(', ')}`,
      );
    }
    const index = SearchIndex.of(kb);
    const options = { limit, category: values.category };
    if (positionals.length > 0) {
      const query = positionals.join(' ');
      try {
        if (values.explain) {
          const explained = explainSearch(index, query, options);
          console.log(values.json ? JSON.stringify(explained) : formatExplanation(explained));
          return 0;
        }
        const hits = index.search(query, options);
        console.log(values.json ? JSON.stringify(hits.map(toJson)) : readable(query, hits));
        return 0;
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        console.error(`dlkb search: ${error.message}`);
        return 1;
      }
    }
    // Batch mode: exactly one output line per input line, in order.
    for await (const line of createInterface({ input: io.stdin, terminal: false })) {
      let hits: Hit[] = [];
      try {
        hits = index.search(line, options);
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
      }
      console.log(values.json ? JSON.stringify(hits.map(toJson)) : hits.map((h) => h.entry.id).join(' '));
    }
    return 0;
  },
};
