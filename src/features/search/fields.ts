/**
 * What the search index holds of an entry: its searchable fields, how much a match in each counts, and
 * the text each field is built from (shared by the index, the confidence rule and `--explain`).
 *
 * Answers are indexed by their key terms (bold phrases and inline code outside code blocks), not every
 * character bigram of their prose: on the relevance set that ranks as well as the full text, with a third
 * of the tokens.
 */
import type { Entry } from '../knowledge/schema.ts';

/** The Orama schema of the index. */
export const SCHEMA = {
  question: 'string',
  title_en: 'string',
  aliases: 'string',
  tags: 'string',
  refs: 'string',
  answer: 'string',
  asks: 'string',
  category: 'enum',
  difficulty: 'enum',
} as const;

/** A field the index searches. */
export type SearchableField = 'question' | 'title_en' | 'aliases' | 'tags' | 'refs' | 'answer' | 'asks';

/** How much a match in each field counts. */
export const FIELD_BOOSTS: Record<SearchableField, number> = {
  aliases: 3,
  question: 2.5,
  title_en: 2,
  tags: 1.5,
  refs: 1,
  answer: 0.6,
  asks: 3.5,
};

/** Every searchable field. */
export const FIELDS = Object.keys(FIELD_BOOSTS) as SearchableField[];
/** Fields whose text each entry has its own of: the tokenizer does not cache their pieces. */
export const UNIQUE_FIELDS: SearchableField[] = ['question'];
/** The short fields that name an entry; a query of only common tokens searches these alone. */
export const HEAD_FIELDS: SearchableField[] = ['aliases', 'question', 'title_en'];

/**
 * Orama matches every indexed word that starts with a query token (`up` finds `upsample`), which floods
 * short tokens with unrelated hits. Ending every token with a marker makes a token match only itself.
 */
export const END = '\u0003';

const CODE_BLOCK_RE = /```[\s\S]*?(?:```|$)/g;
const KEY_TERM_RE = /\*\*(.+?)\*\*|`([^`\n]+)`/g;

/** The key terms of an answer: its bold phrases and inline code, outside code blocks. */
export function answerKeyTerms(answer: string): string {
  // Most answers have no code block: then the prose is the answer itself, not a copy.
  const prose = answer.includes('```') ? answer.replace(CODE_BLOCK_RE, ' ') : answer;
  const out: string[] = [];
  KEY_TERM_RE.lastIndex = 0;
  for (let m = KEY_TERM_RE.exec(prose); m !== null; m = KEY_TERM_RE.exec(prose)) out.push(m[1] ?? m[2] ?? '');
  return out.join(' ; ');
}

/** The text of each searchable field of an entry, as the index holds it. */
export function fieldTexts(e: Entry): Record<SearchableField, string> {
  return {
    question: e.question,
    title_en: e.title_en,
    aliases: e.aliases.join(' ; '),
    tags: e.tags.join(' ; '),
    refs: e.references.map((r) => r.title ?? '').join(' ; '),
    answer: answerKeyTerms(e.answer),
    asks: (e.asks ?? []).join(' ; '),
  };
}

/** The document Orama inserts for an entry: its id and filter fields (the text fields go to `insertStrings`). */
export function indexedDocument(e: Entry) {
  return { id: e.id, category: e.category, difficulty: e.difficulty };
}
