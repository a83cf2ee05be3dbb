/**
 * Whatever a person types, a message that quotes it shows it as text: every locale message that takes
 * a parameter, filled with arbitrary strings and rendered for Telegram (HTML) and Discord, contains each
 * value literally and no link, bold, italic or code that the template did not have.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDiscordMarkdown } from '../../src/adapters/discord/markdown.ts';
import { renderHtml } from '../../src/adapters/telegram/render.ts';
import { LOCALES, type MessageKey, message, messages, translator } from '../../src/kernel/i18n.ts';
import { checkTelegramHtml } from '../fakes/telegram-html.ts';

/** Every key with `{placeholders}`, and its placeholder names. */
function parameterised(): { key: MessageKey; names: string[] }[] {
  const out: { key: MessageKey; names: string[] }[] = [];
  const walk = (node: unknown, prefix: string) => {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') {
        const names = [...new Set([...v.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))];
        if (names.length > 0) out.push({ key: key as MessageKey, names });
      } else walk(v, key);
    }
  };
  walk(messages('zh-CN'), '');
  return out;
}

const KEYS = parameterised();

/** Markup a person might try: links, bold, code, list markers, HTML, mentions, line breaks. */
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(
      fc.constantFrom(
        '[Official answer key](https://evil.example/login)',
        '**',
        '*',
        '`',
        '```',
        '_',
        '\\',
        '[',
        ']',
        '(https://x.example)',
        '- ',
        '1. ',
        '\n',
        '\n\n',
        '<b>',
        '&amp;',
        '@everyone',
        '# ',
        '> ',
        '||',
        '~~',
        'x',
        ' ',
        '交叉熵',
      ),
      { minLength: 1, maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

/** What a value must look like once shown: control characters (line breaks too) become spaces. */
const shown = (value: string) => value.replace(/\p{Cc}/gu, ' ');

/**
 * Telegram: the visible text and the tags of the rendered body. Invisible characters are dropped from
 * the text: zero-width spaces, and the word joiner the renderer puts after a `@` so no word is a mention.
 */
function telegram(body: string): { text: string; tags: Record<string, number> } {
  const html = renderHtml({ body }, { referencesLabel: 'R' }).join('\n');
  const check = checkTelegramHtml(html, Number.POSITIVE_INFINITY);
  if (!check.ok) throw new Error(`${check.error}\n${html}`);
  const tags: Record<string, number> = {};
  for (const m of html.matchAll(/<(a|b|i|code|pre)[\s>]/g)) tags[m[1] ?? ''] = (tags[m[1] ?? ''] ?? 0) + 1;
  return { text: check.text.replace(/[\u200b\u2060]/g, ''), tags };
}

/** Discord: the text with its escapes removed, and the markup that is not escaped. */
function discord(body: string): { text: string; markup: Record<string, number> } {
  const md = toDiscordMarkdown(body);
  const markup: Record<string, number> = {};
  const count = (k: string) => {
    markup[k] = (markup[k] ?? 0) + 1;
  };
  let text = '';
  for (let i = 0; i < md.length; i++) {
    const c = md[i] ?? '';
    if (c === '\\' && i + 1 < md.length) {
      text += md[++i];
      continue;
    }
    if (md.startsWith('**', i)) {
      count('bold');
      i++;
    } else if (c === '*') count('italic');
    else if (c === '`') count('code');
    else if (md.startsWith('](', i)) count('link');
    else if (c === '_' || md.startsWith('~~', i) || md.startsWith('||', i)) count(c);
    else text += c;
  }
  return { text: text.replace(/\u200b/g, ''), markup };
}

describe('parameters of locale messages are shown literally', () => {
  it('finds the messages that take parameters', () => {
    expect(KEYS.length).toBeGreaterThan(30);
  });

  for (const locale of LOCALES) {
    it(`${locale}: every value appears as text, with no markup the template did not have`, () => {
      const t = translator(locale);
      fc.assert(
        fc.property(fc.constantFrom(...KEYS), fc.array(hostile, { minLength: 4, maxLength: 4 }), (k, raw) => {
          const vars = Object.fromEntries(k.names.map((name, i) => [name, raw[i % raw.length] ?? '']));
          const plainVars = Object.fromEntries(k.names.map((name) => [name, 'v']));
          const body = t(k.key, vars);
          const reference = t(k.key, plainVars);
          const tg = telegram(body);
          const dc = discord(body);
          for (const value of Object.values(vars)) {
            expect(tg.text, `${k.key} on Telegram`).toContain(shown(value).trim());
            expect(dc.text, `${k.key} on Discord`).toContain(shown(value).trim());
          }
          // No more markup than the template has (an empty value inside **…** may cost it its bold).
          const tgReference = telegram(reference).tags;
          for (const [tag, n] of Object.entries(tg.tags))
            expect(n, `${k.key} <${tag}>: ${message(locale, k.key)}`).toBeLessThanOrEqual(
              tgReference[tag] ?? 0,
            );
          const dcReference = discord(reference).markup;
          for (const [mark, n] of Object.entries(dc.markup))
            expect(n, `${k.key} ${mark}: ${message(locale, k.key)}`).toBeLessThanOrEqual(
              dcReference[mark] ?? 0,
            );
        }),
        { numRuns: 400 },
      );
    });
  }

  it('keeps Markdown passed on purpose, through the named wrapper only', async () => {
    const { markdown } = await import('../../src/kernel/markdown.ts');
    const t = translator('en');
    expect(t('search.none', { query: markdown('**bold**') })).toContain('"**bold**"');
    expect(t('search.none', { query: '**bold**' })).toContain('"\\*\\*bold\\*\\*"');
    expect(t.plain('search.title', { query: 'a_b*c' })).toBe('Search: a_b*c');
  });
});
