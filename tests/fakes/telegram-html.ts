/**
 * A checker for Telegram's HTML parse mode, strict like the Bot API: only Telegram's tags (with their
 * attributes), properly nested and closed; `<`, `>` and `&` outside tags only as entities; the text
 * after parsing non-empty and at most 4096 characters. Used by the fake Bot API (which answers 400
 * "can't parse entities" like Telegram) and by the property tests.
 */

/** Tags Telegram's HTML mode accepts, with the attributes each may carry. */
export const TELEGRAM_TAGS: Readonly<Record<string, readonly string[]>> = {
  b: [],
  strong: [],
  i: [],
  em: [],
  u: [],
  ins: [],
  s: [],
  strike: [],
  del: [],
  span: ['class'],
  'tg-spoiler': [],
  a: ['href'],
  'tg-emoji': ['emoji-id'],
  code: ['class'],
  pre: [],
  blockquote: ['expandable'],
};

const ENTITY_RE = /^&(?:lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/;
const TAG_RE = /^<(\/?)([a-z][a-z-]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/;
const ATTR_RE = /([a-z-]+)(?:="([^"]*)")?/g;

/** The result of parsing: the plain text, or what is wrong (Telegram's error wording). */
export type HtmlCheck = { ok: true; text: string } | { ok: false; error: string };

function decode(entity: string): string {
  if (entity === '&lt;') return '<';
  if (entity === '&gt;') return '>';
  if (entity === '&amp;') return '&';
  if (entity === '&quot;') return '"';
  const hex = entity.startsWith('&#x');
  return String.fromCodePoint(Number.parseInt(entity.slice(hex ? 3 : 2, -1), hex ? 16 : 10));
}

/** Parses Telegram HTML; `maxLength` defaults to 4096 (message text). */
export function checkTelegramHtml(html: string, maxLength = 4096): HtmlCheck {
  const stack: string[] = [];
  let text = '';
  let i = 0;
  const fail = (why: string): HtmlCheck => ({
    ok: false,
    error: `Bad Request: can't parse entities: ${why} at byte offset ${i}`,
  });
  while (i < html.length) {
    const c = html[i];
    if (c === '<') {
      const m = TAG_RE.exec(html.slice(i));
      if (!m) return fail('Unexpected "<"');
      const [whole, slash, name = '', attrs = ''] = m;
      const allowed = TELEGRAM_TAGS[name];
      if (!allowed) return fail(`Unsupported start tag "${name}"`);
      if (slash) {
        if (attrs.trim()) return fail('Unexpected attributes in end tag');
        if (stack.pop() !== name) return fail(`Unmatched end tag "${name}"`);
      } else {
        for (const a of attrs.matchAll(ATTR_RE)) {
          if (!allowed.includes(a[1] ?? '')) return fail(`Unsupported attribute "${a[1]}"`);
        }
        stack.push(name);
      }
      i += whole.length;
    } else if (c === '&') {
      const m = ENTITY_RE.exec(html.slice(i));
      if (!m) return fail('Unescaped "&"');
      text += decode(m[0]);
      i += m[0].length;
    } else if (c === '>') {
      return fail('Unescaped ">"');
    } else {
      text += c;
      i++;
    }
  }
  if (stack.length > 0) return fail(`Can't find end tag corresponding to start tag "${stack.at(-1)}"`);
  if (text.trim() === '') return { ok: false, error: 'Bad Request: message text is empty' };
  if (text.length > maxLength) return { ok: false, error: 'Bad Request: message is too long' };
  return { ok: true, text };
}
