/**
 * Renders a reply as Telegram HTML (parse_mode HTML): the title in bold, the Markdown-subset body with
 * bold, italic, inline code, code blocks (`<pre><code class="language-python">`) and links, the
 * numbered references and the footer in italics. Every piece of text is escaped; the result is cut into
 * messages of at most 4096 characters at block boundaries (see `html.ts`).
 */
import { type Block, type Inline, inlineText, parseMarkdown } from '../../kernel/markdown.ts';
import type { Reply } from '../../kernel/reply.ts';
import {
  escapeAttribute,
  MAX_MESSAGE_LENGTH,
  packBlocks,
  type Token,
  type TokenBlock,
  text,
  wrap,
} from './html.ts';

/** Longest (escaped) URL rendered as a link; a longer one is shown as text (keeps split parts small). */
const MAX_HREF = 1024;
const LANG_RE = /^[\w+#-]{1,32}$/;

/** What the renderer needs besides the reply. */
export interface RenderOptions {
  /** The heading of the reference list, in the reader's language. */
  referencesLabel: string;
  /** Longest part, 4096 by default. */
  limit?: number;
}

/** True for an absolute http(s) URL with a host, short enough to link (Telegram rejects bad URLs). */
export function isSafeUrl(url: string): boolean {
  if (escapeAttribute(url).length > MAX_HREF || !/^https?:\/\/\S+$/i.test(url)) return false;
  try {
    return new URL(url).hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Prose for a message: every `@` that starts a word gets a word joiner after it, so Telegram never
 * turns a name or a user's text into a mention that notifies someone (`@alice` → `@\u2060alice`, which
 * reads the same). Code keeps its `@` untouched (decorators, matrix products), where Telegram does not
 * look for mentions.
 */
export function prose(value: string): Token {
  return text(value.replace(/@(?=[\p{L}\p{N}_])/gu, '@\u2060'));
}

function link(label: string, url: string): Token[] {
  if (!isSafeUrl(url)) return [prose(label === url ? url : `${label} (${url})`)];
  return wrap('a', [prose(label)], { name: 'href', value: url });
}

function inline(nodes: readonly Inline[]): Token[] {
  return nodes.flatMap((n): Token[] => {
    switch (n.type) {
      case 'text':
        return [prose(n.text)];
      case 'code':
        return wrap('code', [text(n.text)]);
      case 'bold':
        return wrap('b', inline(n.children));
      case 'italic':
        return wrap('i', inline(n.children));
      case 'link':
        return link(n.text, n.url);
    }
    return [];
  });
}

function block(b: Block): TokenBlock {
  if (b.type === 'paragraph') return inline(b.inlines);
  if (b.type === 'code') {
    if (!LANG_RE.test(b.lang)) return wrap('pre', [text(b.text)]);
    return wrap('pre', wrap('code', [text(b.text)], { name: 'class', value: `language-${b.lang}` }));
  }
  return b.items.flatMap((item, i) => [
    ...(i > 0 ? [text('\n')] : []),
    text(b.ordered ? `${b.start + i}. ` : '• '),
    ...inline(item),
  ]);
}

/** The token blocks of a reply, in order: title, body blocks, references, footer. */
export function replyBlocks(reply: Reply, options: RenderOptions): TokenBlock[] {
  const blocks: TokenBlock[] = [];
  if (reply.title?.trim()) blocks.push(wrap('b', [prose(reply.title.trim())]));
  if (reply.body) blocks.push(...parseMarkdown(reply.body).map(block));
  if (reply.links && reply.links.length > 0) {
    const lines = reply.links.flatMap((l, i) => [text(`\n${i + 1}. `), ...link(l.title, l.url)]);
    blocks.push([...wrap('b', [text(options.referencesLabel)]), ...lines]);
  }
  if (reply.footer?.trim()) blocks.push(wrap('i', [prose(reply.footer.trim())]));
  return blocks;
}

/** Renders a reply into one or more HTML messages (never none: an empty reply becomes `…`). */
export function renderHtml(reply: Reply, options: RenderOptions): string[] {
  const parts = packBlocks(replyBlocks(reply, options), options.limit ?? MAX_MESSAGE_LENGTH);
  return parts.length > 0 ? parts : ['…'];
}

/**
 * The reply as plain text without markup (for callback alerts, which cannot be formatted),
 * or null when it has buttons, links or files that plain text would lose, or asks for a text.
 */
export function plainText(reply: Reply): string | null {
  const extras =
    (reply.buttons?.flat().length ?? 0) + (reply.links?.length ?? 0) + (reply.files?.length ?? 0);
  // A text request is asked in a message the person replies to (see `ask.ts`), never in an alert.
  if (extras > 0 || reply.ask) return null;
  const blocks = parseMarkdown(reply.body ?? '').map((b) => {
    if (b.type === 'paragraph') return inlineText(b.inlines);
    if (b.type === 'code') return b.text;
    return b.items.map((item, i) => `${b.ordered ? `${b.start + i}.` : '•'} ${inlineText(item)}`).join('\n');
  });
  return [reply.title?.trim(), ...blocks, reply.footer?.trim()].filter(Boolean).join('\n\n');
}
