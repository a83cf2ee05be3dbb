/**
 * Orama's default index component with its string fields re-kept for the way dlkb uses them: a posting
 * list per token instead of Orama's radix tree holding each document id in its node's set.
 *
 * Our tokenizer returns each token of a field once, so a token's frequency in a field is always
 * `1 / fieldLength` and BM25 needs only, per field, the documents of each token (their count is the
 * token's document frequency), each document's field length and their average. At 100,000 entries
 * Orama's radix tree was most of the build: a tree walk and a `Set.add` for every token of every field,
 * plus a frequency object per field and document.
 *
 * - `insert` tokenizes a string field once and adds the document to its field's postings (postings.ts:
 *   one typed buffer of word numbers, sorted into one array of ascending internal ids per field on first
 *   read). Each new word is also put in Orama's radix tree, once and without its documents, so a
 *   typo-tolerant search (`tolerance > 0`, our last resort) still finds words with Orama's own `find`.
 *   `insertStrings` does the same for a document Orama inserted without its strings (quicker in bulk).
 * - `search` scores with Orama's BM25 formula, tf = 1 / fieldLength: an exact search reads the token's
 *   posting list, a tolerant one the posting lists of the words the radix tree finds.
 * - Other field types (our enums, for filters) stay Orama's. The index is built once: removing documents
 *   and saving or loading the index are refused with an error.
 *
 * This reads Orama's internal index layout (a radix tree per string field), so the package is pinned to
 * an exact version, and tests/search/orama-index.test.ts checks the scores against a plain Orama index.
 */
import { type AnyOrama, components } from '@orama/orama';
import { FieldPostings } from './postings.ts';
import type { Tokenizer } from './tokenize.ts';

type BaseIndex = ReturnType<typeof components.index.createIndex>;
type IndexData = ReturnType<BaseIndex['create']>;
type SearchArgs = Parameters<BaseIndex['search']>;
type RadixNode = Extract<IndexData['indexes'][string], { type: 'Radix' }>['node'];

/** What the index keeps for one string field. */
interface Field {
  /** The field's words, for Orama's typo-tolerant `find` (its node sets stay empty). */
  tree: RadixNode;
  /** The documents of each word, and each document's field length. */
  postings: FieldPostings;
}

/** The posting lists of every index built with `slimIndex`, by Orama's index data object. */
const FIELDS = new WeakMap<object, Map<string, Field>>();

function fieldsOf(index: object): Map<string, Field> {
  const fields = FIELDS.get(index);
  if (!fields) throw new Error('this Orama index was not created by slimIndex()');
  return fields;
}

/** Orama's BM25 (with its `d` term), for a token that occurs once in a field of `length` tokens. */
function bm25(
  matching: number,
  docs: number,
  length: number,
  average: number,
  r: { k: number; b: number; d: number },
): number {
  const tf = 1 / length;
  const idf = Math.log(1 + (docs - matching + 0.5) / (matching + 0.5));
  return (idf * (r.d + tf * (r.k + 1))) / (tf + r.k * (1 - r.b + (r.b * length) / average));
}

/** The words (with their documents) a query token matches in a field. */
function matches(field: Field, token: string, tolerance: number): Uint32Array[] {
  if (tolerance <= 0) {
    const ids = field.postings.documents(token);
    return ids ? [ids] : [];
  }
  const found: Uint32Array[] = [];
  for (const word of Object.keys(field.tree.find({ term: token, exact: false, tolerance }))) {
    const ids = field.postings.documents(word);
    if (ids) found.push(ids);
  }
  return found;
}

function refuse(what: string): never {
  throw new Error(`the slim search index is built once and cannot ${what}; build a new index instead`);
}

/** The tokens of a tokenizer call; ours is synchronous, and the index relies on it. */
function synchronous(tokens: string[] | Promise<string[]>): string[] {
  if (tokens instanceof Promise) throw new Error('the slim search index needs a synchronous tokenizer');
  return tokens;
}

/** Step 1, `create`: Orama's index data, plus empty posting lists for each string (radix) field. */
function createWithPostings(base: BaseIndex, ...args: Parameters<BaseIndex['create']>): IndexData {
  const index = base.create(...args);
  const fields = new Map<string, Field>();
  for (const [prop, tree] of Object.entries(index.indexes)) {
    if (tree.type !== 'Radix') continue;
    const node = tree.node;
    fields.set(prop, {
      tree: node,
      postings: new FieldPostings((word, internalId) => node.insert(word, internalId)),
    });
  }
  FIELDS.set(index, fields);
  return index;
}

/** The numbered tokens our tokenizer hands over besides strings (tokenize.ts). */
interface NumberedTokens {
  tokenIds(text: string, prop: string): Int32Array;
  tokenText(id: number): string;
}

/** Step 2, `insert`: a string value into its field's posting lists; any other value Orama's way. */
function insertValue(base: BaseIndex, args: Parameters<BaseIndex['insert']>): void {
  const [, index, prop, , internalId, value, , language, tokenizer, docsCount] = args;
  const field = fieldsOf(index).get(prop);
  if (!field || typeof value !== 'string') base.insert(...args);
  else addString(field, prop, internalId, value, tokenizer, language, docsCount);
}

/** Adds a string value to its field's posting lists. */
function addString(
  field: Field,
  prop: string,
  internalId: number,
  value: string,
  tokenizer: Parameters<BaseIndex['insert']>[8],
  language: Parameters<BaseIndex['insert']>[7],
  docsCount: number,
): void {
  const numbered = tokenizer as Partial<NumberedTokens>;
  if (numbered.tokenIds && numbered.tokenText)
    field.postings.addTokens(internalId, numbered.tokenIds(value, prop), numbered.tokenText, docsCount);
  else
    field.postings.addWords(
      internalId,
      synchronous(tokenizer.tokenize(value, language, prop, false)),
      docsCount,
    );
}

/**
 * Adds the string fields of a document that was inserted without them (`insert(db, { id, ...enums })`)
 * to the slim index: the same postings, field lengths and averages as inserting them with the document,
 * without Orama's checks and calls for each field. `texts` gives the fields in the schema's order.
 */
export function insertStrings(db: AnyOrama, id: string, texts: Record<string, string>): void {
  const internalId = components.internalDocumentIDStore.getInternalDocumentId(db.internalDocumentIDStore, id);
  const docsCount = db.documentsStore.count(db.data.docs);
  const fields = fieldsOf(db.data.index);
  for (const prop in texts) {
    const field = fields.get(prop);
    const value = texts[prop];
    if (!field || value === undefined) throw new Error(`${prop} is not a string field of the slim index`);
    addString(field, prop, internalId, value, db.tokenizer, undefined, docsCount);
  }
}

/** Adds to `scores` one field's BM25 scores of the query tokens, times the field's boost. */
function scoreField(
  scores: Map<number, number>,
  field: Field,
  tokens: readonly string[],
  o: {
    weight: number;
    tolerance: number;
    docsCount: number;
    relevance: SearchArgs[8];
    where: SearchArgs[10];
  },
): void {
  for (const token of tokens) {
    for (const ids of matches(field, token, o.tolerance)) {
      const matching = ids.length;
      for (const id of ids) {
        if (o.where && !o.where.has(id)) continue;
        const { postings } = field;
        const score =
          bm25(matching, o.docsCount, postings.length(id), postings.average, o.relevance) * o.weight;
        scores.set(id, (scores.get(id) ?? 0) + score);
      }
    }
  }
}

/** Step 3, `search`: the documents' summed scores over the searched string fields, best first. */
function searchPostings(...args: SearchArgs): [number, number][] {
  const [index, term, tokenizer, language, properties, , tolerance, boost, relevance, docsCount, where] =
    args;
  const fields = fieldsOf(index);
  const scores = new Map<number, number>();
  const tokens = synchronous(tokenizer.tokenize(term, language));
  for (const prop of properties) {
    const field = fields.get(prop);
    if (!field) continue;
    const weight = (boost as Record<string, number | undefined>)[prop] ?? 1;
    scoreField(scores, field, tokens, { weight, tolerance, docsCount, relevance, where });
  }
  return [...scores].sort((a, b) => b[1] - a[1]);
}

/** The index component to pass to Orama's `create({ components: { index } })`. */
export function slimIndex(): BaseIndex {
  const base = components.index.createIndex();
  return {
    ...base,
    create: (...args) => createWithPostings(base, ...args),
    insert: (...args) => insertValue(base, args),
    remove: () => refuse('remove documents'),
    save: () => refuse('be saved'),
    load: () => refuse('be loaded'),
    search: (...args) => searchPostings(...args),
  };
}

/**
 * The tokenizer component to pass beside `slimIndex()`: with `tokenIds`, the index files tokens by
 * number. The pieces of `unique` fields (text each document has its own of) skip the tokenizer's cache.
 */
export function slimTokenizer(tokenize: Tokenizer, unique: readonly string[] = []) {
  const once = new Set(unique);
  const tokenIds = (text: string, prop: string) => tokenize.tokenIds(text, once.has(prop));
  return {
    language: 'dlkb',
    normalizationCache: new Map(),
    // Orama calls it for a search's term (the documents' fields go in by number, `tokenIds`).
    tokenize: tokenize.fresh,
    tokenIds,
    tokenText: tokenize.tokenText,
  };
}

/**
 * The documents-store component of `slimComponents()`: Orama keeps of each document only its `id`
 * (search hits carry no other field). Keeping the field texts of 100,000 documents was most of the heap.
 */
function slimDocuments(): ReturnType<typeof components.documentsStore.createDocumentsStore> {
  const base = components.documentsStore.createDocumentsStore();
  return {
    ...base,
    store: (store, id, internalId) => base.store(store, id, internalId, { id }),
    load: () => refuse('be loaded'),
    save: () => refuse('be saved'),
  };
}

/** The components to pass to Orama's `create`: `slimIndex()`, `slimTokenizer()` and a slim documents store. */
export function slimComponents(tokenize: Tokenizer, unique: readonly string[] = []) {
  return { tokenizer: slimTokenizer(tokenize, unique), index: slimIndex(), documentsStore: slimDocuments() };
}

/** Sorts the postings of every field now (after a build), instead of on the first search. */
export function sealPostings(db: { data: { index: object } }): void {
  for (const field of fieldsOf(db.data.index).values()) field.postings.seal();
}

/** Document counts of tokens, read from an index built with `slimIndex`. */
export interface TokenCounts {
  /** In how many documents' fields the token occurs, summed over the fields. */
  count(token: string): number;
  /** In how many documents the token occurs in at least one of the fields (each document once). */
  documents(token: string): number;
  /** Every indexed token. */
  words(): Set<string>;
}

/** Reads the token counts of the fields given from an index built with `slimIndex`. */
export function tokenCounts(db: { data: { index: object } }, names: readonly string[]): TokenCounts {
  const fields = fieldsOf(db.data.index);
  const perField = names.flatMap((name) => fields.get(name)?.postings ?? []);
  // Marks of the documents seen while counting one token's union; cleared after each count.
  let seen = new Uint8Array(0);
  return {
    count: (token) => {
      let n = 0;
      for (const postings of perField) n += postings.count(token);
      return n;
    },
    documents: (token) => {
      const lists = perField.flatMap((postings) => postings.documents(token) ?? []);
      if (lists.length <= 1) return lists[0]?.length ?? 0;
      let n = 0;
      for (const ids of lists) {
        const last = ids[ids.length - 1] ?? 0;
        if (last >= seen.length) {
          const grown = new Uint8Array(Math.max(last + 1, seen.length * 2));
          grown.set(seen);
          seen = grown;
        }
        for (const id of ids) {
          if (seen[id] === 0) n++;
          seen[id] = 1;
        }
      }
      for (const ids of lists) for (const id of ids) seen[id] = 0;
      return n;
    },
    words: () => new Set(perField.flatMap((postings) => postings.words())),
  };
}
