/** Property tests: whatever the text, the rendered HTML is valid Telegram HTML within the limit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/adapters/telegram/render.ts';
import type { Reply } from '../../src/kernel/reply.ts';
import { checkTelegramHtml, TELEGRAM_TAGS } from '../fakes/telegram-html.ts';

/** Markdown-ish fragments: markers, entities, tags, links, CJK, emoji, line breaks. */
const fragment = fc.oneof(
  fc.constantFrom(
    '**',
    '*',
    '`',
    '```python\n',
    '```\n',
    '\n',
    '\n\n',
    '- ',
    '1. ',
    '\\',
    '<',
    '>',
    '&',
    '&amp;',
    '&lt;b&gt;',
    '"',
    '<b>',
    '</i>',
    '<a href="x">',
    '[link](https://example.com/?a=1&b=<2>)',
    '[x](http://a)',
    ' ',
    '交叉熵',
    '😀',
    '\uD800',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const markdownish = fc.array(fragment, { maxLength: 600, size: 'max' }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 6000, size: 'max' }),
  fc.string({ unit: 'binary', maxLength: 6000, size: 'max' }),
  markdownish,
);

const reply = fc.record(
  {
    title: anyText,
    body: fc.oneof(
      anyText,
      markdownish.map((m) => m.repeat(4)),
    ),
    footer: anyText,
    links: fc.array(fc.record({ title: anyText, url: fc.oneof(fc.webUrl(), fc.string()) }), { maxLength: 5 }),
  },
  { requiredKeys: ['body'] },
);

/** Every `<` starts an allowed tag, every `&` an entity, no bare `>`, balanced, within the limit. */
function assertValid(parts: string[], limit: number): void {
  expect(parts.length).toBeGreaterThan(0);
  for (const part of parts) {
    expect(part.length).toBeLessThanOrEqual(limit);
    const check = checkTelegramHtml(part, limit);
    if (!check.ok) throw new Error(`${check.error}\n${part}`);
    for (const m of part.matchAll(/<\/?([a-z-]+)/g)) expect(Object.keys(TELEGRAM_TAGS)).toContain(m[1]);
  }
}

/** The visible text without whitespace: what must survive splitting unchanged. */
function visible(parts: string[]): string {
  return parts
    .map((p) => {
      const check = checkTelegramHtml(p, Number.POSITIVE_INFINITY);
      return check.ok ? check.text : '';
    })
    .join('')
    .replace(/\s+/g, '');
}

describe('renderHtml properties', () => {
  it('gives valid, balanced, escaped HTML within 4096 characters for any reply', () => {
    fc.assert(
      fc.property(reply, (r: Reply) => {
        assertValid(renderHtml(r, { referencesLabel: 'References' }), 4096);
      }),
      { numRuns: 150 },
    );
  });

  it('splits at any limit without losing or reordering text', () => {
    let split = 0;
    fc.assert(
      fc.property(reply, fc.integer({ min: 1500, max: 4096 }), (r: Reply, limit) => {
        const parts = renderHtml(r, { referencesLabel: 'References', limit });
        if (parts.length > 1) split++;
        assertValid(parts, limit);
        const whole = renderHtml(r, { referencesLabel: 'References', limit: Number.POSITIVE_INFINITY });
        expect(visible(parts)).toBe(visible(whole));
      }),
      { numRuns: 120 },
    );
    // The generators do reach the splitter.
    expect(split).toBeGreaterThan(40);
  });

  it('escapes any plain string completely', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 9000, size: 'max' }), (s) => {
        const parts = renderHtml({ body: s.replace(/[`*_[\]\\]/g, '') }, { referencesLabel: 'R' });
        assertValid(parts, 4096);
        for (const part of parts)
          expect(part.replace(/<\/?(?:b|i|code|pre)>|<code class="[^"]*">/g, '')).not.toMatch(/[<>]/);
      }),
      { numRuns: 200 },
    );
  });
});
