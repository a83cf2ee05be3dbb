/** The confidence rule measured: the out-of-scope set it must flag, and the in-scope hits it must not. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { SearchResult } from '../../src/features/search/index.ts';
import type { Kind, LabelledQuery } from './evaluate.ts';

/** Loads `tests/relevance/out-of-scope.yaml`: queries about topics the knowledge base does not cover. */
export function loadOutOfScope(path = new URL('./out-of-scope.yaml', import.meta.url).pathname): string[] {
  return z.object({ queries: z.array(z.string().min(1)) }).parse(parse(readFileSync(path, 'utf8'))).queries;
}

/** How often the rule says "not confident", on each group of queries. */
export interface ConfidenceFigures {
  /** Out-of-scope queries flagged, of all of them (higher is better). */
  outside: { flagged: number; n: number; missed: string[] };
  /** In-scope queries whose top hit is right but flagged, of those with a right top hit (lower is better). */
  rightFlagged: { flagged: number; n: number; byKind: Partial<Record<Kind, number>>; queries: string[] };
  /** In-scope queries whose top hit is wrong and flagged, of those with a wrong top hit (higher is better). */
  wrongFlagged: { flagged: number; n: number };
}

/** Measures a search (one that can throw on an unusable query) against both sets. */
export function measureConfidence(
  inScope: LabelledQuery[],
  outside: string[],
  query: (q: string) => SearchResult | undefined,
): ConfidenceFigures {
  const figures: ConfidenceFigures = {
    outside: { flagged: 0, n: outside.length, missed: [] },
    rightFlagged: { flagged: 0, n: 0, byKind: {}, queries: [] },
    wrongFlagged: { flagged: 0, n: 0 },
  };
  for (const q of outside) {
    const result = query(q);
    if (!result?.confident) figures.outside.flagged++;
    else figures.outside.missed.push(`${q} → ${result.hits[0]?.entry.id}`);
  }
  for (const q of inScope) {
    const result = query(q.q);
    const top = result?.hits[0]?.entry.id;
    const flagged = !result?.confident;
    if (top !== undefined && q.expect.includes(top)) {
      figures.rightFlagged.n++;
      if (flagged) {
        figures.rightFlagged.flagged++;
        figures.rightFlagged.byKind[q.kind] = (figures.rightFlagged.byKind[q.kind] ?? 0) + 1;
        figures.rightFlagged.queries.push(`${q.q} → ${top}`);
      }
    } else {
      figures.wrongFlagged.n++;
      if (flagged) figures.wrongFlagged.flagged++;
    }
  }
  return figures;
}
