/**
 * Export to Anki (pure): entries become a tab-separated text file with Anki's file headers
 * (`#separator:tab`, `#html:true`, `#tags column:3`). Each line is one note of Anki's "Basic" type:
 * front = the question, back = the answer's key points as HTML followed by the reference links,
 * tags = the category id and the difficulty.
 *
 * Fields never contain a tab, a line break or a double quote (they are HTML-escaped or turned into
 * `<br>`), so Anki's importer needs no CSV quoting to read them.
 */
import { type Block, type Inline, parseMarkdown } from '../../kernel/markdown.ts';
import type { FollowUpPlace } from '../knowledge/followups.ts';
import type { Entry } from '../knowledge/schema.ts';
import { referenceLink } from '../knowledge/views.ts';

/** The header lines Anki reads before the notes (Anki manual, "Importing › Text files › File headers"). */
export const ANKI_HEADERS = ['#separator:tab', '#html:true', '#tags column:3'] as const;

/** Escapes text for HTML content and attribute values; tabs become a character reference. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\t/g, '&#9;');
}

/** One inline node as HTML. */
function inlineNode(n: Inline): string {
  switch (n.type) {
    case 'text':
      return escapeHtml(n.text).replace(/\r?\n/g, '<br>');
    case 'code':
      return `<code>${escapeHtml(n.text)}</code>`;
    case 'bold':
      return `<b>${inlineHtml(n.children)}</b>`;
    case 'italic':
      return `<i>${inlineHtml(n.children)}</i>`;
    case 'link':
      return `<a href="${escapeHtml(n.url)}">${escapeHtml(n.text)}</a>`;
  }
}

/** Inline Markdown nodes as HTML; line breaks inside a paragraph or item become `<br>`. */
function inlineHtml(nodes: Inline[]): string {
  return nodes.map(inlineNode).join('');
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<div>${inlineHtml(block.inlines)}</div>`;
    case 'list': {
      const items = block.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('');
      if (!block.ordered) return `<ul>${items}</ul>`;
      return block.start === 1 ? `<ol>${items}</ol>` : `<ol start="${block.start}">${items}</ol>`;
    }
    case 'code': {
      // In a <pre>, a <br> is a line break; a raw one would end the note's line in the file.
      const lang = block.lang ? ` class="language-${escapeHtml(block.lang)}"` : '';
      return `<pre><code${lang}>${escapeHtml(block.text).replace(/\r?\n/g, '<br>')}</code></pre>`;
    }
  }
}

/** The Markdown subset of `kernel/markdown.ts` as HTML on one line. */
export function markdownToHtml(source: string): string {
  return parseMarkdown(source).map(blockHtml).join('');
}

/** One note: the three fields of a line of the file. */
export interface AnkiNote {
  front: string;
  back: string;
  /** Space-separated tags. */
  tags: string;
}

/** The note of an entry. */
export function ankiNote(entry: Entry): AnkiNote {
  const links = entry.references
    .map((r) => {
      const { title, url } = referenceLink(r);
      return `<li><a href="${escapeHtml(url)}">${escapeHtml(title)}</a></li>`;
    })
    .join('');
  return {
    front: escapeHtml(entry.question),
    back: markdownToHtml(entry.answer) + (links ? `<hr><ol class="references">${links}</ol>` : ''),
    // Anki tags are separated by spaces; category ids and difficulties are slugs without any.
    tags: `${entry.category} ${entry.difficulty}`,
  };
}

/**
 * The note of a follow-up (追问) a person rated: front = its question over its entry's question (the
 * context it is asked in), back = its answer, tags = the entry's plus `followup`.
 */
export function ankiFollowUpNote(place: FollowUpPlace): AnkiNote {
  const { entry, followup } = place;
  return {
    front: `${escapeHtml(followup.q)}<hr><small>${escapeHtml(entry.question)}</small>`,
    back: markdownToHtml(followup.answer),
    tags: `${entry.category} ${entry.difficulty} followup`,
  };
}

/**
 * The whole file: headers, then one note per entry and one per follow-up (after the entries), each line
 * ending in `\n`.
 */
export function ankiDeck(entries: readonly Entry[], followUps: readonly FollowUpPlace[] = []): string {
  const notes = [...entries.map(ankiNote), ...followUps.map(ankiFollowUpNote)];
  const lines = notes.map((n) => `${n.front}\t${n.back}\t${n.tags}`);
  return `${[...ANKI_HEADERS, ...lines].join('\n')}\n`;
}
