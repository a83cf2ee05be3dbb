/** Checks what a person typed before it reaches the index. */
import { UserError } from '../../kernel/errors.ts';

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 1000;

/** Why a query cannot be searched, as a stable code the locale files translate. */
export type QueryProblem = 'empty' | 'too-long' | 'no-words';

const KEYS = {
  empty: 'search.queryEmpty',
  'too-long': 'search.queryTooLong',
  'no-words': 'search.queryNoWords',
} as const;

/**
 * A query that cannot be searched, with the reason: an ordinary person's mistake (its key names the
 * message the router shows); `message` says it in English for the command line.
 */
export class QueryError extends UserError {
  override readonly name = 'QueryError';
  constructor(readonly problem: QueryProblem) {
    super(KEYS[problem]);
    this.message = {
      empty: 'the query is empty',
      'too-long': `the query is longer than ${MAX_QUERY_LENGTH - 1} characters`,
      'no-words': 'the query has no searchable words (only emoji, symbols or control characters)',
    }[problem];
  }
}

/** Removes control characters and collapses white space; throws QueryError for unusable input. */
export function cleanQuery(raw: string): string {
  if (raw.length >= MAX_QUERY_LENGTH) throw new QueryError('too-long');
  const cleaned = raw
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (cleaned === '') throw new QueryError('empty');
  if (!/[\p{L}\p{N}]/u.test(cleaned)) throw new QueryError('no-words');
  return cleaned;
}
