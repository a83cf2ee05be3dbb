/**
 * Full-text search over the knowledge base: an Orama index with our tokenizer, and our own ranking on top.
 *
 * Orama scores every document that matches any query token, so at 100,000 entries one common token
 * (函数, 模型) costs more than all the rest. A query drops tokens that occur in more than 1% of the
 * documents (and more than 100) as long as a rarer token is left: BM25 gives such tokens almost no weight
 * anyway. The index component (orama-index.ts) looks exact tokens up directly and keeps no per-document
 * frequency maps.
 *
 * The fields and their boosts are in fields.ts, the per-query work budget in budget.ts.
 *
 * A person who does not know a topic's name describes the problem instead ("网络加深以后训练误差反而变大").
 * Each entry's `asks` (how learners put it, written apart from the evaluation set) is indexed with a high
 * boost and counts toward head-field coverage: on the "described" relevance queries that took recall@3
 * from 0.49 to the figure the README gives; follow-up questions as a field did not help and are not indexed.
 */
import { create, insert, type Orama, search as oramaSearch, type Results } from '@orama/orama';
import type { KnowledgeBase } from '../knowledge/base.ts';
import type { Difficulty, Entry } from '../knowledge/schema.ts';
import { type SearchBudget, searchBudget } from './budget.ts';
import { CLOSEST, type Confidence, ConfidenceJudge } from './confidence.ts';
import {
  END,
  FIELD_BOOSTS,
  FIELDS,
  fieldTexts,
  HEAD_FIELDS,
  indexedDocument,
  SCHEMA,
  type SearchableField,
  UNIQUE_FIELDS,
} from './fields.ts';
import { insertStrings, sealPostings, slimComponents, type TokenCounts, tokenCounts } from './orama-index.ts';
import { cleanQuery } from './query.ts';
import { clampLabel, MAX_SUGGESTIONS, PrefixIndex, type Suggestion } from './suggest.ts';
import { isLatinToken, tokenize, tokenizeQuery, tokenizer } from './tokenize.ts';
import { Speller } from './typo.ts';

export { QUERY_LIMITS, type SearchBudget, searchBudget } from './budget.ts';
export { answerKeyTerms, FIELD_BOOSTS } from './fields.ts';

const CANDIDATES = 40;

/** A ranked search result. */
export interface Hit {
  entry: Entry;
  score: number;
}

/** A search with its verdict: `hits` as `search()` returns them, `tokens` searched after typo correction. */
export interface SearchResult {
  hits: Hit[];
  tokens: string[];
  /** The typed words the speller replaced, in query order (`from` as typed, `to` as searched). */
  corrections: { from: string; to: string }[];
  /** Whether the top hit may be presented as a match (see confidence.ts). */
  confident: boolean;
  /** The verdict with its two figures. */
  confidence: Confidence;
}

/** Search filters. */
export interface SearchOptions {
  limit?: number;
  category?: string;
  difficulty?: Difficulty;
  /** What the query may spend on typos; a fresh `searchBudget()` by default. */
  budget?: SearchBudget;
}

type Db = Orama<typeof SCHEMA>;

/** What an exact match of the whole query adds: enough to go first, more for a more central key. */
function exactBonus(rank: number | undefined): number {
  return rank === undefined ? 0 : 1000 - 10 * Math.min(rank, 20);
}

function sync<T>(value: T | Promise<T>): T {
  if (value instanceof Promise)
    throw new Error('Orama answered asynchronously; the index must stay synchronous');
  return value;
}

/** The in-memory search index of a set of entries. */
export class SearchIndex {
  readonly #db: Db;
  readonly #entries: readonly Entry[];
  readonly #byId: Map<string, Entry>;
  readonly #prefix: PrefixIndex;
  readonly #headTokens = new Map<string, Set<string>>();
  readonly #counts: TokenCounts;
  #speller: Speller | undefined;
  #judge: ConfidenceJudge | undefined;
  #fuzzy: Speller | undefined;

  constructor(entries: readonly Entry[]) {
    this.#entries = entries;
    this.#byId = new Map(entries.map((e) => [e.id, e]));
    const marked = tokenizer({ suffix: END });
    this.#db = create({
      schema: SCHEMA,
      sort: { enabled: false },
      components: slimComponents(marked, UNIQUE_FIELDS),
    }) as Db;
    // Orama inserts each entry's id and filter fields (and answers the id); the text fields go to the postings.
    for (const e of entries)
      insertStrings(this.#db, sync(insert(this.#db, indexedDocument(e))), fieldTexts(e));
    marked.forget(); // the build's caches; queries fill them again
    sealPostings(this.#db); // part of the build, not of the first search
    this.#counts = tokenCounts(this.#db, FIELDS);
    this.#prefix = new PrefixIndex(entries);
  }

  /** In how many documents' fields a token occurs (summed over fields; 0 for an unknown token). */
  #df(token: string): number {
    return this.#counts.count(token + END);
  }

  /** The typo corrector over the index's Latin words, built on first use. */
  #spell(word: string, budget: SearchBudget): string | undefined {
    if (budget.words <= 0) return undefined;
    budget.words -= 1;
    this.#speller ??= new Speller(this.#vocabulary(/^[a-z]+$/), (w) => this.#df(w));
    return this.#speller.correct(word, budget);
  }

  /**
   * The fuzzy last resort: every Latin word of the index within the allowed edits of a word (the
   * Speller's search, over words with digits and symbols too). It replaces Orama's `tolerance`, which
   * walks every field's whole radix tree (1.5 ms a word at 114 entries, without any bound).
   */
  #near(word: string, budget: SearchBudget): string[] {
    if (budget.fuzzy <= 0) return [];
    budget.fuzzy -= 1;
    this.#fuzzy ??= new Speller(this.#vocabulary(/./), (w) => this.#df(w));
    return this.#fuzzy.near(word, budget);
  }

  /** The index's Latin words that match a pattern. */
  #vocabulary(pattern: RegExp): string[] {
    return [...this.#counts.words()]
      .map((w) => w.slice(0, -END.length))
      .filter((t) => isLatinToken(t) && pattern.test(t));
  }

  /** Builds the index of a knowledge base. */
  static of(kb: KnowledgeBase): SearchIndex {
    return new SearchIndex(kb.entries);
  }

  /**
   * Ranked hits for what a person typed.
   * @throws QueryError when the query is empty, too long, or has no searchable words.
   */
  search(raw: string, options: SearchOptions = {}): Hit[] {
    return this.#rank(raw, options).hits;
  }

  /**
   * Ranked hits with the tokens searched (after typo correction) and whether the top hit may be shown
   * as a match (confidence.ts).
   * @throws QueryError when the query is empty, too long, or has no searchable words.
   */
  query(raw: string, options: SearchOptions = {}): SearchResult {
    const { hits, tokens, corrections } = this.#rank(raw, options);
    const guessed = tokens.length > 0 && corrections.length === tokens.length;
    const confidence = this.confidence.judge(tokens, hits[0], { guessed });
    return { hits, tokens, corrections, confident: confidence.confident, confidence };
  }

  /** The confidence rule over this index's entries (the judge `query()` uses). */
  get confidence(): ConfidenceJudge {
    this.#judge ??= new ConfidenceJudge(this.#entries.length, (t) => this.#counts.documents(t + END));
    return this.#judge;
  }

  #rank(raw: string, options: SearchOptions): Pick<SearchResult, 'hits' | 'tokens' | 'corrections'> {
    const query = cleanQuery(raw);
    const limit = Math.max(1, Math.min(options.limit ?? 10, 100));
    const budget = options.budget ?? searchBudget();
    const typed = tokenizeQuery(query);
    // Latin words the index has never seen are corrected to the closest word it knows, while the
    // budget lasts (the first unknown words of the query).
    const tokens = typed.map((t) =>
      this.#df(t) > 0 || !isLatinToken(t) ? t : (this.#spell(t, budget) ?? t),
    );
    const corrections = typed.flatMap((from, i) => {
      const to = tokens[i];
      return to !== undefined && to !== from ? [{ from, to }] : [];
    });
    const known = tokens.filter((t) => this.#df(t) > 0);
    const unknownLatin = tokens.filter((t) => this.#df(t) === 0 && isLatinToken(t) && t.length >= 4);
    const where = {
      ...(options.category ? { category: { eq: options.category } } : {}),
      ...(options.difficulty ? { difficulty: { eq: options.difficulty } } : {}),
    };
    const scores = new Map<string, number>();
    const add = (results: Results<unknown>) => {
      for (const h of results.hits) scores.set(h.id, (scores.get(h.id) ?? 0) + h.score);
    };
    const used = this.#selective(known);
    if (used.tokens.length > 0) add(this.#run(used.tokens.join(' '), where, used.fields));
    // Last resort, when nothing matched at all: the index's words close to the first unknown Latin words.
    if (scores.size === 0) {
      const close = unknownLatin.flatMap((t) => this.#near(t, budget));
      if (close.length > 0) add(this.#run([...new Set(close)].join(' '), where, FIELDS));
    }
    // An exact alias, id or question match goes first.
    const exact = this.#prefix.exact(query);
    const hits: Hit[] = [];
    for (const [id, bm25] of scores) {
      const entry = this.#byId.get(id);
      if (!entry) continue;
      const head = this.#head(entry);
      const covered = tokens.length === 0 ? 0 : tokens.filter((t) => head.has(t)).length / tokens.length;
      hits.push({ entry, score: bm25 * (1 + 3 * covered) + exactBonus(exact.get(id)) });
    }
    for (const [id, rank] of exact) {
      const entry = this.#byId.get(id);
      const passes =
        entry &&
        (!options.category || entry.category === options.category) &&
        (!options.difficulty || entry.difficulty === options.difficulty);
      if (passes && !scores.has(id)) hits.push({ entry, score: exactBonus(rank) });
    }
    hits.sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id));
    const ranked = hits
      .slice(0, limit)
      .map((h) => ({ entry: h.entry, score: Math.round(h.score * 1000) / 1000 }));
    return { hits: ranked, tokens, corrections };
  }

  /**
   * Autocomplete: entries whose id, question, English title or alias starts with what was typed,
   * then the confident search hits; at most 25, labels at most 100 characters. Without a prefix match
   * and a confident search, the closest `CLOSEST` hits marked `weak` (nothing matched well).
   */
  suggest(partial: string, options: Pick<SearchOptions, 'category'> = {}): Suggestion[] {
    const ids = this.#prefix.lookup(partial, MAX_SUGGESTIONS * 2);
    let entries = ids.map((id) => this.#byId.get(id)).filter((e): e is Entry => e !== undefined);
    if (options.category) entries = entries.filter((e) => e.category === options.category);
    let weak = false;
    if (entries.length < MAX_SUGGESTIONS && partial.trim() !== '') {
      try {
        const result = this.query(partial, { limit: MAX_SUGGESTIONS, category: options.category });
        weak = !result.confident && entries.length === 0 && result.hits.length > 0;
        const hits = result.confident ? result.hits : weak ? result.hits.slice(0, CLOSEST) : [];
        for (const h of hits) if (!entries.includes(h.entry)) entries.push(h.entry);
      } catch {
        // An unusable partial query simply has no search suggestions.
      }
    }
    if (partial.trim() === '')
      entries = this.#entries.filter((e) => !options.category || e.category === options.category);
    return entries
      .slice(0, MAX_SUGGESTIONS)
      .map((e) => ({ id: e.id, label: clampLabel(`${e.question} · ${e.id}`), ...(weak ? { weak } : {}) }));
  }

  /**
   * Drops very common tokens while a rarer one remains (see the module comment) and keeps the 8 rarest.
   * When every token is common, only the rarest one is searched, and only in the short fields.
   */
  #selective(tokens: string[]): { tokens: string[]; fields: SearchableField[] } {
    const cap = Math.max(100, this.#entries.length * 0.01);
    const byRarity = [...tokens].sort((a, b) => this.#df(a) - this.#df(b));
    const rare = byRarity.filter((t) => this.#df(t) <= cap);
    if (rare.length > 0) return { tokens: rare.slice(0, 8), fields: FIELDS };
    return { tokens: byRarity.slice(0, 1), fields: HEAD_FIELDS };
  }

  #run(term: string, where: Record<string, { eq: string }>, fields: SearchableField[]): Results<unknown> {
    return sync(
      oramaSearch(this.#db, {
        term,
        properties: fields,
        boost: FIELD_BOOSTS,
        limit: CANDIDATES,
        ...(Object.keys(where).length > 0 ? { where } : {}),
      }),
    ) as Results<unknown>;
  }

  /** Tokens of an entry's short fields, cached. */
  #head(entry: Entry): Set<string> {
    let head = this.#headTokens.get(entry.id);
    if (head === undefined) {
      head = new Set(
        tokenize(
          [entry.question, entry.title_en, ...entry.aliases, ...entry.tags, ...(entry.asks ?? [])].join(
            ' ; ',
          ),
        ),
      );
      if (this.#headTokens.size > 5000) this.#headTokens.clear();
      this.#headTokens.set(entry.id, head);
    }
    return head;
  }
}
