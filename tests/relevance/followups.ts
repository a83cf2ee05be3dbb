/**
 * Follow-ups (追问) in search, measured: how often a follow-up query is offered its follow-up (in the first
 * `FOLLOWUP_HITS`), and, for comparison, how often the main index alone lists its parent in the top 3.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { FollowUpHit } from '../../src/features/search/followup-index.ts';

/** One follow-up query and the follow-up cards it should offer. */
export interface FollowUpQuery {
  q: string;
  expect: string[];
}

/** Loads `tests/relevance/followup-queries.yaml`. */
export function loadFollowUpQueries(
  path = new URL('./followup-queries.yaml', import.meta.url).pathname,
): FollowUpQuery[] {
  const schema = z.object({
    queries: z.array(z.strictObject({ q: z.string().min(1), expect: z.array(z.string()).min(1) })),
  });
  return schema.parse(parse(readFileSync(path, 'utf8'))).queries;
}

/** The figures of the follow-up set. */
export interface FollowUpFigures {
  n: number;
  /** The expected follow-up is offered. */
  offered: number;
  /** Its parent entry is in the main index's top 3 (without follow-ups; for comparison). */
  mainParent3: number;
  /** Queries whose follow-up is not offered. */
  missed: string[];
}

/** What a search offers for a query: the main hits and the follow-ups (undefined for an unusable query). */
export type FollowedSearch = (
  q: string,
) => { main: readonly { entry: { id: string } }[]; related: readonly FollowUpHit[] } | undefined;

/** Measures a search with follow-ups over the follow-up set. */
export function measureFollowUps(queries: FollowUpQuery[], search: FollowedSearch): FollowUpFigures {
  const f: FollowUpFigures = { n: queries.length, offered: 0, mainParent3: 0, missed: [] };
  for (const { q, expect } of queries) {
    const r = search(q);
    const parents = expect.map((card) => card.split('.')[0]);
    if (r?.related.some((h) => expect.includes(h.card))) f.offered++;
    else f.missed.push(`${q} → ${r?.related.map((h) => h.card).join(',') || '(none)'}`);
    if (r?.main.slice(0, 3).some((h) => parents.includes(h.entry.id))) f.mainParent3++;
  }
  return f;
}

/**
 * The noise of the offers: out-of-scope queries offered any follow-up, and in-scope queries offered a
 * follow-up of none of their expected entries.
 */
export function measureOfferNoise(
  inScope: readonly { q: string; expect: string[] }[],
  outside: readonly string[],
  search: FollowedSearch,
): { outside: number; outsideN: number; offTopic: number; inScopeN: number; examples: string[] } {
  const r = {
    outside: 0,
    outsideN: outside.length,
    offTopic: 0,
    inScopeN: inScope.length,
    examples: [] as string[],
  };
  for (const q of outside) {
    const related = search(q)?.related ?? [];
    if (related.length > 0) {
      r.outside++;
      r.examples.push(`out of scope: ${q} → ${related.map((h) => h.card).join(',')}`);
    }
  }
  for (const { q, expect } of inScope) {
    const related = search(q)?.related ?? [];
    if (related.some((h) => !expect.includes(h.place.entry.id))) {
      r.offTopic++;
      r.examples.push(`off topic: ${q} → ${related.map((h) => h.card).join(',')}`);
    }
  }
  return r;
}
