/**
 * The posting lists of one string field of the slim index (orama-index.ts), kept in typed arrays.
 *
 * While documents are added, each document's tokens go to the end of one buffer as word numbers
 * ("slots"), with the document's id and where its run ends: 4 bytes a posting, no array per word. The
 * first read sorts the buffer by word in one counting pass into one array of document ids, where each
 * word's documents are a contiguous, ascending range. Adding documents after a read is allowed: the next
 * read merges them in (documents are added in ascending id order, so they go after the older ones).
 */

/** A Uint32Array at least `size` long, holding the first `used` values of `array`. */
function grown(array: Uint32Array<ArrayBuffer>, size: number, used = array.length): Uint32Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const bigger = new Uint32Array(Math.max(size, array.length * 2, 16));
  bigger.set(used === array.length ? array : array.subarray(0, used));
  return bigger;
}

/** The posting lists and field lengths of one string field. */
export class FieldPostings {
  /** Word → its slot. */
  readonly #slots = new Map<string, number>();
  /** Slot → word. */
  readonly #words: string[] = [];
  /** Tokenizer token number → slot + 1 (0: not seen yet). */
  #slotOf = new Uint32Array(1024);
  /** Slot → in how many documents the word occurs. */
  #counts = new Uint32Array(1024);
  /** Postings added since the last read: slots, and per document its id and where its slots end. */
  #pending = new Uint32Array(1 << 16);
  #pendingLength = 0;
  #pendingDocs = new Uint32Array(1024);
  #pendingEnds = new Uint32Array(1024);
  #pendingDocCount = 0;
  /** The sorted postings: slot s's documents are `#ids[#offsets[s] .. #offsets[s + 1])`. */
  #offsets = new Uint32Array(1);
  #ids = new Uint32Array(0);
  /** Field length (tokens) by internal document id. */
  #lengths = new Uint32Array(1024);
  /** Average field length, updated the way Orama does (so scores match to the last bit). */
  average = 0;

  readonly #onWord: (word: string, internalId: number) => void;

  /** `onWord` is called with each word the first time the field sees it, and the document it came with. */
  constructor(onWord: (word: string, internalId: number) => void) {
    this.#onWord = onWord;
  }

  /** The slot of a word, made on first sight. */
  #slot(word: string, internalId: number): number {
    let slot = this.#slots.get(word);
    if (slot === undefined) {
      slot = this.#words.length;
      this.#slots.set(word, slot);
      this.#words.push(word);
      this.#counts = grown(this.#counts, slot + 1);
      this.#onWord(word, internalId);
    }
    return slot;
  }

  /** Starts a document's postings: its length, the field's new average, room in the buffer. */
  #begin(internalId: number, length: number, docsCount: number): void {
    this.average = (this.average * (docsCount - 1) + length) / docsCount;
    this.#lengths = grown(this.#lengths, internalId + 1);
    this.#lengths[internalId] = length;
    this.#pending = grown(this.#pending, this.#pendingLength + length, this.#pendingLength);
  }

  #end(internalId: number): void {
    const k = this.#pendingDocCount++;
    this.#pendingDocs = grown(this.#pendingDocs, k + 1);
    this.#pendingEnds = grown(this.#pendingEnds, k + 1);
    this.#pendingDocs[k] = internalId;
    this.#pendingEnds[k] = this.#pendingLength;
  }

  #post(slot: number): void {
    this.#counts[slot] = (this.#counts[slot] ?? 0) + 1;
    this.#pending[this.#pendingLength++] = slot;
  }

  /** Adds one document's tokens, given as words. */
  addWords(internalId: number, words: readonly string[], docsCount: number): void {
    this.#begin(internalId, words.length, docsCount);
    for (const word of words) this.#post(this.#slot(word, internalId));
    this.#end(internalId);
  }

  /** Adds one document's tokens, given as the tokenizer's numbers (`text` gives a number's word). */
  addTokens(
    internalId: number,
    tokens: ArrayLike<number>,
    text: (token: number) => string,
    docsCount: number,
  ): void {
    this.#begin(internalId, tokens.length, docsCount);
    // The arrays in locals for the loop (a new word may grow them: then they are read again).
    let slotOf = this.#slotOf;
    let counts = this.#counts;
    const pending = this.#pending;
    let at = this.#pendingLength;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] ?? 0;
      let slot = token < slotOf.length ? (slotOf[token] ?? 0) - 1 : -1;
      if (slot < 0) {
        slot = this.#slot(text(token), internalId);
        this.#slotOf = grown(this.#slotOf, token + 1);
        this.#slotOf[token] = slot + 1;
        slotOf = this.#slotOf;
        counts = this.#counts;
      }
      counts[slot] = (counts[slot] ?? 0) + 1;
      pending[at++] = slot;
    }
    this.#pendingLength = at;
    this.#end(internalId);
  }

  /** Sorts the postings added since the last read into `#ids` (a counting sort by slot); reads do it too. */
  seal(): void {
    if (this.#pendingDocCount === 0) return;
    const slots = this.#words.length;
    const offsets = new Uint32Array(slots + 1);
    for (let s = 0; s < slots; s++) offsets[s + 1] = (offsets[s] ?? 0) + (this.#counts[s] ?? 0);
    const ids = new Uint32Array(offsets[slots] ?? 0);
    // Each slot's older documents first, then the new ones: all ascending.
    const cursor = offsets.slice(0, slots);
    const old = this.#offsets;
    for (let s = 0; s + 1 < old.length; s++) {
      const from = old[s] ?? 0;
      const to = old[s + 1] ?? 0;
      ids.set(this.#ids.subarray(from, to), cursor[s]);
      cursor[s] = (cursor[s] ?? 0) + to - from;
    }
    const pending = this.#pending;
    let j = 0;
    for (let k = 0; k < this.#pendingDocCount; k++) {
      const doc = this.#pendingDocs[k] ?? 0;
      const end = this.#pendingEnds[k] ?? 0;
      for (; j < end; j++) {
        const slot = pending[j] ?? 0;
        ids[cursor[slot] ?? 0] = doc;
        cursor[slot] = (cursor[slot] ?? 0) + 1;
      }
    }
    this.#offsets = offsets;
    this.#ids = ids;
    this.#pending = new Uint32Array(1024);
    this.#pendingLength = 0;
    this.#pendingDocCount = 0;
  }

  /** The documents (ascending internal ids) whose field holds a word, as a view (no copy). */
  documents(word: string): Uint32Array | undefined {
    const slot = this.#slots.get(word);
    if (slot === undefined) return undefined;
    this.seal();
    return this.#ids.subarray(this.#offsets[slot], this.#offsets[slot + 1]);
  }

  /** In how many documents' fields a word occurs. */
  count(word: string): number {
    const slot = this.#slots.get(word);
    return slot === undefined ? 0 : (this.#counts[slot] ?? 0);
  }

  /** The field length of a document (1 for one the field has not seen). */
  length(internalId: number): number {
    return this.#lengths[internalId] || 1;
  }

  /** Every word of the field. */
  words(): readonly string[] {
    return this.#words;
  }
}
