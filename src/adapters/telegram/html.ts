/**
 * Telegram HTML as a list of tokens (open tag, close tag, raw text), and the splitter that cuts it
 * into messages of at most 4096 characters without ever cutting inside a tag or an entity: a block
 * that is too long on its own is cut between characters (preferably at a line break or a space), the
 * open tags are closed at the end of one part and opened again at the start of the next.
 */

/** Telegram's limit on the text of one message. Parts are measured as HTML, so they always fit. */
export const MAX_MESSAGE_LENGTH = 4096;

/** The tags the renderer emits (all of them allowed by Telegram's HTML parse mode). */
export type Tag = 'b' | 'i' | 'code' | 'pre' | 'a';

/** One piece of rendered HTML. Text is raw (escaped when serialized). */
export type Token =
  | { kind: 'open'; tag: Tag; html: string }
  | { kind: 'close'; tag: Tag }
  | { kind: 'text'; text: string };

/** A block of tokens: a heading, paragraph, list, code block or the references. Balanced. */
export type TokenBlock = Token[];

/** Escapes text for Telegram HTML: `&`, `<` and `>`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Escapes an attribute value (also `"`). */
export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** An opening tag token, with optional attribute (already validated by the caller). */
export function open(tag: Tag, attribute?: { name: string; value: string }): Token {
  const attr = attribute ? ` ${attribute.name}="${escapeAttribute(attribute.value)}"` : '';
  return { kind: 'open', tag, html: `<${tag}${attr}>` };
}

/** A closing tag token. */
export function close(tag: Tag): Token {
  return { kind: 'close', tag };
}

/** A text token. */
export function text(value: string): Token {
  return { kind: 'text', text: value };
}

/** Tokens wrapped in a tag. */
export function wrap(tag: Tag, inner: Token[], attribute?: { name: string; value: string }): Token[] {
  return [open(tag, attribute), ...inner, close(tag)];
}

function tokenHtml(token: Token): string {
  if (token.kind === 'open') return token.html;
  if (token.kind === 'close') return `</${token.tag}>`;
  return escapeHtml(token.text);
}

/** The HTML of a list of tokens. */
export function serialize(tokens: readonly Token[]): string {
  return tokens.map(tokenHtml).join('');
}

function hasText(html: string): boolean {
  return html.replace(/<[^>]*>/g, '').trim() !== '';
}

/** Length of the code point starting at `i` (2 for a surrogate pair). */
function charLength(s: string, i: number): number {
  const code = s.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
    const next = s.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 2;
  }
  return 1;
}

/** How many UTF-16 units of `s` fit in `room` characters of escaped HTML, whole code points only. */
function fitting(s: string, room: number): number {
  let n = 0;
  let size = 0;
  while (n < s.length) {
    const step = charLength(s, n);
    const escaped = escapeHtml(s.slice(n, n + step)).length;
    if (size + escaped > room) break;
    size += escaped;
    n += step;
  }
  return n;
}

/** Where to cut `s` given that `n` units fit: the last line break or space in the second half, else `n`. */
function cutPoint(s: string, n: number): number {
  if (n >= s.length) return n;
  const newline = s.lastIndexOf('\n', n - 1);
  if (newline >= n / 2) return newline + 1;
  const space = s.lastIndexOf(' ', n - 1);
  if (space >= n / 2) return space + 1;
  // Never separate a surrogate pair.
  const code = s.charCodeAt(n - 1);
  return code >= 0xd800 && code <= 0xdbff ? n - 1 : n;
}

/** Cuts one balanced block that is too long into balanced parts of at most `limit` characters. */
export function splitBlock(tokens: readonly Token[], limit: number = MAX_MESSAGE_LENGTH): string[] {
  const parts: string[] = [];
  const stack: Extract<Token, { kind: 'open' }>[] = [];
  const closing = () =>
    stack
      .map((t) => `</${t.tag}>`)
      .reverse()
      .join('');
  const reopen = () => stack.map((t) => t.html).join('');
  let out = '';
  let fresh = true;
  const flush = () => {
    const part = out + closing();
    if (hasText(part)) parts.push(part);
    out = reopen();
    fresh = true;
  };
  for (const token of tokens) {
    if (token.kind === 'open') {
      // Room for the tag, its closing, and at least a few characters of content.
      if (out.length + token.html.length + closing().length + token.tag.length + 3 + 8 > limit && !fresh)
        flush();
      out += token.html;
      stack.push(token);
    } else if (token.kind === 'close') {
      out += `</${token.tag}>`;
      stack.pop();
    } else {
      let rest = token.text;
      while (rest.length > 0) {
        const room = limit - out.length - closing().length;
        const all = escapeHtml(rest);
        if (all.length <= room) {
          out += all;
          fresh = false;
          break;
        }
        const n = fitting(rest, room);
        if (n === 0 && !fresh) {
          flush();
          continue;
        }
        // The open tags alone cannot fill a part (links are capped), but never loop without progress.
        const cut = n === 0 ? charLength(rest, 0) : Math.max(1, cutPoint(rest, n));
        out += escapeHtml(rest.slice(0, cut));
        rest = rest.slice(cut);
        fresh = false;
        if (rest.length > 0) flush();
      }
    }
  }
  const last = out + closing();
  if (hasText(last)) parts.push(last);
  return parts;
}

/**
 * Packs blocks into messages: blocks are joined by a blank line while they fit, a block that does
 * not fit starts a new message, and a block longer than a message is cut by `splitBlock`.
 */
export function packBlocks(blocks: readonly TokenBlock[], limit: number = MAX_MESSAGE_LENGTH): string[] {
  const parts: string[] = [];
  let current = '';
  for (const block of blocks) {
    const html = serialize(block);
    if (!hasText(html)) continue;
    const joined = current ? `${current}\n\n${html}` : html;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (current) parts.push(current);
    current = '';
    if (html.length <= limit) {
      current = html;
      continue;
    }
    const pieces = splitBlock(block, limit);
    parts.push(...pieces.slice(0, -1));
    current = pieces.at(-1) ?? '';
  }
  if (current) parts.push(current);
  return parts;
}
