/**
 * The Markdown subset replies use: paragraphs, `- ` and `1. ` lists, fenced code blocks with a language,
 * and inline **bold**, *italic*, `code` and [links](https://…). It is parsed once into a small tree that
 * each adapter renders for its platform; anything outside the subset stays literal text.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'bold'; children: Inline[] }
  | { type: 'italic'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; text: string; url: string };

export type Block =
  | { type: 'paragraph'; inlines: Inline[] }
  /** `start`: the number of an ordered list's first item (`11. …` starts at 11), 1 for a bullet list. */
  | { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { type: 'code'; lang: string; text: string };

// Inside **bold** and *italic*, a backslash escape is one unit, so an escaped `*` never closes them.
const INLINE_RE =
  /\\([\\`*_[\]])|`([^`\n]+)`|\*\*((?:\\[^\n]|[^\\\n])+?)\*\*|\*((?:\\[^\n]|[^*\s\\])(?:(?:\\[\s\S]|[^*\\])*(?:\\[^\n]|[^*\s\\]))?)\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/gu;

const ESCAPE_RE = /\\([\\`*_[\]])/g;

function nested(text: string, depth: number): Inline[] {
  return depth < 2 ? parseInline(text, depth + 1) : [{ type: 'text', text: text.replace(ESCAPE_RE, '$1') }];
}

/** Parses inline markup; unmatched markers stay text. */
export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE_RE)) {
    const index = m.index ?? 0;
    if (index > last) out.push({ type: 'text', text: text.slice(last, index) });
    if (m[1] !== undefined) out.push({ type: 'text', text: m[1] });
    else if (m[2] !== undefined) out.push({ type: 'code', text: m[2] });
    else if (m[3] !== undefined) out.push({ type: 'bold', children: nested(m[3], depth) });
    else if (m[4] !== undefined) out.push({ type: 'italic', children: nested(m[4], depth) });
    else if (m[5] !== undefined && m[6] !== undefined) out.push({ type: 'link', text: m[5], url: m[6] });
    last = index + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

const BULLET_RE = /^\s*[-*]\s+(.*)$/u;
const NUMBERED_RE = /^\s*(\d+)[.)]\s+(.*)$/u;

/** Parses a Markdown-subset document into blocks. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: { ordered: boolean; start: number; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', inlines: parseInline(paragraph.join('\n')) });
    if (list) {
      const { ordered, start, items } = list;
      blocks.push({ type: 'list', ordered, start, items: items.map((i) => parseInline(i)) });
    }
    paragraph = [];
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^\s*```([\w+#-]*)\s*$/u.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^\s*```\s*$/u.test(lines[i] ?? ''); i++) code.push(lines[i] ?? '');
      blocks.push({ type: 'code', lang: fence[1] ?? '', text: code.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const bullet = BULLET_RE.exec(line);
    const numbered = bullet ? null : NUMBERED_RE.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      list.items.push((numbered ? numbered[2] : bullet?.[1]) ?? '');
    } else if (list && /^\s+\S/u.test(line)) {
      // An indented line continues the last item.
      list.items[list.items.length - 1] += `\n${line.trim()}`;
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** The plain text of inline nodes, without markup. */
export function inlineText(inlines: Inline[]): string {
  return inlines
    .map((n) =>
      n.type === 'text' || n.type === 'code' ? n.text : n.type === 'link' ? n.text : inlineText(n.children),
    )
    .join('');
}

/** Escapes text so it is shown literally when parsed as the Markdown subset. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]])/g, '\\$1');
}

/**
 * Text that is already in the Markdown subset, to pass as a translation parameter on purpose (a code
 * span, a nested message); every other parameter is escaped. Make one with `markdown()` or `inlineCode()`.
 */
export class MarkdownText {
  constructor(readonly markdown: string) {}
  toString(): string {
    return this.markdown;
  }
}

/** Marks text as already Markdown: a translation puts it in as is. */
export function markdown(text: string): MarkdownText {
  return new MarkdownText(text);
}

/** A code span of text; text that a code span cannot hold (a backtick, a line break) is escaped instead. */
export function inlineCode(text: string): MarkdownText {
  return /^[^`\p{Cc}]+$/u.test(text) ? new MarkdownText(`\`${text}\``) : new MarkdownText(escapeInline(text));
}

/** A line that would start a list item (`- x`, `* x`, `1. x`): a zero-width space in front keeps it text. */
const LIST_START_RE = /^\s*(?:[-*+]|\d+[.)])(?:\s|$)/u;

/**
 * Escapes text so it is shown literally wherever it lands in a message: inline markers escaped,
 * control characters (line breaks too, which could start a list or a code block) turned into spaces,
 * and a leading list marker kept from starting a list.
 */
export function escapeInline(text: string): string {
  const flat = text.replace(/\p{Cc}/gu, ' ');
  return escapeMarkdown(LIST_START_RE.test(flat) ? `\u200b${flat}` : flat);
}
