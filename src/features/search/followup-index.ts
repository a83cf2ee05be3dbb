/**
 * Follow-ups (追问) in search, without touching the main index's ranking or verdict. Indexing follow-up
 * text in the main index (as a field of the parent) lowered synonym recall@3 and the out-of-scope flags,
 * and letting a confident follow-up match replace a weak main result lowered described recall@3 and
 * flagged one out-of-scope query fewer (measured by `npm run bench:relevance`). So follow-ups get a small
 * index of their own (one document per follow-up: its question and its answer's key terms, built on first
 * use), and a search only *offers* its confident follow-up matches after the main result, each with its
 * parent entry (`related`): the main list, its order and its "nothing matched well" verdict stay exactly
 * as the main index gives them.
 */
import type { KnowledgeBase } from '../knowledge/base.ts';
import { type FollowUpPlace, findFollowUp, followUpCardId } from '../knowledge/followups.ts';
import { type Entry, walkFollowUps } from '../knowledge/schema.ts';
import { SearchIndex, type SearchOptions, type SearchResult } from './index.ts';

/** A follow-up a search matched, with its parent entry. */
export interface FollowUpHit {
  /** `<entry id>.<follow-up id>`. */
  card: string;
  place: FollowUpPlace;
  score: number;
}

/** How many follow-up matches a search offers. */
export const FOLLOWUP_HITS = 3;

/** The document of a follow-up: its question, and its answer (the index keeps the key terms). */
function followUpDocument(entry: Entry, cardId: string, q: string, answer: string): Entry {
  return {
    id: cardId,
    category: entry.category,
    difficulty: entry.difficulty,
    question: q,
    title_en: '',
    aliases: [],
    tags: [],
    answer,
    references: [],
  };
}

/** The small search index of every follow-up of a knowledge base, built on first use. */
export class FollowUpIndex {
  #index: SearchIndex | undefined;

  constructor(readonly kb: Pick<KnowledgeBase, 'entries' | 'get'>) {}

  get #built(): SearchIndex {
    this.#index ??= new SearchIndex(
      this.kb.entries.flatMap((e) =>
        [...walkFollowUps(e.followups)].map(({ followup }) =>
          followUpDocument(e, followUpCardId(e, followup), followup.q, followup.answer),
        ),
      ),
    );
    return this.#index;
  }

  /**
   * Follow-ups matching a query, best first, each with the confidence rule's verdict on it (confidence.ts,
   * over the follow-up index: a follow-up is a confident match as an entry would be); never confident
   * when a typed word had to be corrected.
   * @throws QueryError when the query is empty, too long, or has no searchable words.
   */
  find(raw: string, options: SearchOptions = {}): (FollowUpHit & { confident: boolean })[] {
    const index = this.#built;
    const result = index.query(raw, options);
    // A typo corrected against the follow-ups' smaller vocabulary is mostly a wrong guess
    // ("random forrest" as "forget"): such a search offers nothing.
    const guessed = result.corrections.length > 0;
    return result.hits.flatMap((h) => {
      const place = findFollowUp((id) => this.kb.get(id), h.entry.id);
      const confident = !guessed && index.confidence.judge(result.tokens, h).confident;
      return place ? [{ card: h.entry.id, place, score: h.score, confident }] : [];
    });
  }

  /**
   * The follow-ups a search offers: the confident matches among the follow-up index's first
   * `FOLLOWUP_HITS`, best first; none for a query without a confident match or without usable words.
   * Given the main result (the entries listed), a confident one keeps only the follow-ups of its listed
   * entries and those that outscore its top hit, so a good list is not followed by loosely related
   * follow-ups of other entries (measured: in-scope queries offered another entry's follow-up 75 → 33
   * of 502, follow-up queries offered theirs 36 of 36 either way).
   */
  related(
    raw: string,
    options: Pick<SearchOptions, 'category'> = {},
    main?: Pick<SearchResult, 'confident' | 'hits'>,
  ): FollowUpHit[] {
    let found: ReturnType<FollowUpIndex['find']>;
    try {
      found = this.find(raw, { ...options, limit: FOLLOWUP_HITS });
    } catch {
      // A query with no words for the follow-up index simply matches no follow-up.
      return [];
    }
    const listed = new Set(main?.confident ? main.hits.map((h) => h.entry.id) : []);
    const top = main?.confident ? (main.hits[0]?.score ?? 0) : 0;
    return found
      .filter((h) => h.confident && (listed.size === 0 || listed.has(h.place.entry.id) || h.score >= top))
      .map(({ card, place, score }) => ({ card, place, score }));
  }
}
