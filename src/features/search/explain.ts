/**
 * Why a search ranks what it ranks, for a knowledge author (`dlkb search --explain`): the tokens searched
 * with their weights, the typo corrections, the confidence verdict with its two figures, and for each hit
 * which words matched in which field, whether the whole query is one of its names, and the share of the
 * query's words in its head fields (the coverage that multiplies its BM25 score, see index.ts).
 */
import type { Entry } from '../knowledge/schema.ts';
import { CONFIDENCE, type Confidence } from './confidence.ts';
import { FIELD_BOOSTS, fieldTexts, type SearchableField } from './fields.ts';
import type { SearchIndex, SearchOptions, SearchResult } from './index.ts';
import { suggestionKey } from './suggest.ts';
import { tokenize } from './tokenize.ts';

/** A query token with the weight the confidence rule gives it. */
export interface ExplainedToken {
  token: string;
  /** In how many entries it occurs. */
  df: number;
  /** ln((N + 1) / (df + 0.5)). */
  idf: number;
}

/** The words of the query found in one field of a hit. */
export interface FieldMatch {
  field: SearchableField;
  /** How much a match in this field counts (fields.ts). */
  boost: number;
  tokens: string[];
}

/** One hit and why it is there. */
export interface ExplainedHit {
  id: string;
  question: string;
  score: number;
  /** The whole query is the entry's id, question, English title or one of its aliases. */
  exact: boolean;
  /** Share of the query's tokens in the short fields (question, title, aliases, tags, asks), 0 to 1. */
  headCoverage: number;
  /** The IDF-weighted share of the query's tokens in the entry (the confidence rule's second figure). */
  share: number;
  fields: FieldMatch[];
  /** Query tokens found in no field of the entry. */
  missing: string[];
}

/** A search explained. */
export interface Explanation {
  query: string;
  tokens: ExplainedToken[];
  corrections: SearchResult['corrections'];
  /** Every token is a typo correction: only the share can make the search confident (confidence.ts). */
  guessed: boolean;
  confidence: Confidence;
  thresholds: typeof CONFIDENCE;
  hits: ExplainedHit[];
}

const HEAD: SearchableField[] = ['question', 'title_en', 'aliases', 'tags', 'asks'];

function explainHit(index: SearchIndex, tokens: string[], entry: Entry, score: number, query: string) {
  const texts = fieldTexts(entry);
  const fields: FieldMatch[] = [];
  const found = new Set<string>();
  const head = new Set<string>();
  for (const field of Object.keys(texts) as SearchableField[]) {
    const present = new Set(tokenize(texts[field]));
    const matched = tokens.filter((t) => present.has(t));
    for (const t of matched) found.add(t);
    if (HEAD.includes(field)) for (const t of matched) head.add(t);
    if (matched.length > 0) fields.push({ field, boost: FIELD_BOOSTS[field], tokens: matched });
  }
  fields.sort((a, b) => b.boost - a.boost);
  const key = suggestionKey(query);
  const names = [entry.id, entry.question, entry.title_en, ...entry.aliases];
  return {
    id: entry.id,
    question: entry.question,
    score,
    exact: key !== '' && names.some((n) => suggestionKey(n) === key),
    headCoverage: tokens.length === 0 ? 0 : tokens.filter((t) => head.has(t)).length / tokens.length,
    share: index.confidence.share(tokens, entry),
    fields,
    missing: [...new Set(tokens)].filter((t) => !found.has(t)),
  };
}

/**
 * Runs the query and explains it.
 * @throws QueryError when the query is empty, too long, or has no searchable words.
 */
export function explainSearch(index: SearchIndex, query: string, options: SearchOptions = {}): Explanation {
  const result = index.query(query, options);
  const judge = index.confidence;
  return {
    query,
    tokens: [...new Set(result.tokens)].map((token) => ({
      token,
      df: judge.documents(token),
      idf: judge.idf(token),
    })),
    corrections: result.corrections,
    guessed: result.tokens.length > 0 && result.corrections.length === result.tokens.length,
    confidence: result.confidence,
    thresholds: CONFIDENCE,
    hits: result.hits.map((h) => explainHit(index, result.tokens, h.entry, h.score, query)),
  };
}

const fixed = (n: number, digits = 2) => n.toFixed(digits);

/** The explanation as text, for a terminal. */
export function formatExplanation(e: Explanation): string {
  const { confidence: c, thresholds: th } = e;
  const verdict = c.confident ? 'confident' : 'NOT confident (nothing matched well)';
  const out = [
    `query: ${e.query}`,
    `tokens: ${e.tokens.map((t) => `${t.token} (df ${t.df}, idf ${fixed(t.idf)})`).join(', ') || '(none)'}`,
    `corrections: ${e.corrections.map((k) => `${k.from} → ${k.to}`).join(', ') || 'none'}`,
    `verdict: ${verdict}: top score ${fixed(c.score)} (confident at ≥ ${th.score}), ` +
      `IDF-weighted share ${fixed(c.share, 3)} (confident at ≥ ${th.share})` +
      (e.guessed ? '; every word is a typo guess, so only the share counts' : ''),
  ];
  if (e.hits.length === 0) out.push('', 'no hits');
  e.hits.forEach((h, i) => {
    out.push(
      '',
      `${String(i + 1).padStart(2)}. ${h.id}  score ${fixed(h.score)}  ${h.question}`,
      `    exact name match: ${h.exact ? 'yes (+ exact-match bonus)' : 'no'} · head coverage ${fixed(h.headCoverage)} · share ${fixed(h.share, 3)}`,
      ...h.fields.map((f) => `    ${`${f.field} ×${f.boost}`.padEnd(16)} ${f.tokens.join(', ')}`),
      ...(h.missing.length > 0 ? [`    ${'not in entry'.padEnd(16)} ${h.missing.join(', ')}`] : []),
    );
  });
  return out.join('\n');
}
