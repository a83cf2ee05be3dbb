/** Rendering replies as Telegram HTML, splitting long ones, and inline keyboards. */
import { describe, expect, it } from 'vitest';
import { parseStartPayload, startPayloadForAction } from '../../src/adapters/telegram/deeplink.ts';
import { splitBlock, text, wrap } from '../../src/adapters/telegram/html.ts';
import { inlineKeyboard } from '../../src/adapters/telegram/keyboard.ts';
import { plainText, renderHtml } from '../../src/adapters/telegram/render.ts';
import type { Reply } from '../../src/kernel/reply.ts';
import { checkTelegramHtml } from '../fakes/telegram-html.ts';

const render = (reply: Reply, limit?: number) => renderHtml(reply, { referencesLabel: 'References', limit });

function decoded(parts: string[]): string[] {
  return parts.map((p) => {
    const check = checkTelegramHtml(p);
    if (!check.ok) throw new Error(`${check.error} in ${p}`);
    return check.text;
  });
}

describe('renderHtml', () => {
  it('escapes every piece of text and keeps the formatting', () => {
    const [html] = render({
      title: 'a <b> & c',
      body: '**bold <x>** *it&al* `a<b && c>d` [site <1>](https://e.com/?a=1&b="2")\n\n- one < two\n- three',
      footer: '<i>not italic</i>',
    });
    expect(html).toBe(
      '<b>a &lt;b&gt; &amp; c</b>\n\n' +
        '<b>bold &lt;x&gt;</b> <i>it&amp;al</i> <code>a&lt;b &amp;&amp; c&gt;d</code> ' +
        '<a href="https://e.com/?a=1&amp;b=&quot;2&quot;">site &lt;1&gt;</a>\n\n' +
        '• one &lt; two\n• three\n\n' +
        '<i>&lt;i&gt;not italic&lt;/i&gt;</i>',
    );
  });

  it('never lets prose mention anyone: every @word gets a word joiner, code keeps its @', () => {
    const [html] = render({
      title: '@alice won',
      body: 'Thanks @bob and @机器学习群, mail a@b.c\n\n- [@carol](https://e.com)\n\n`@property` stays\n\n```python\n@torch.no_grad()\n```',
      footer: 'by @dave',
    });
    expect(html).toBe(
      '<b>@\u2060alice won</b>\n\n' +
        'Thanks @\u2060bob and @\u2060机器学习群, mail a@\u2060b.c\n\n' +
        '• <a href="https://e.com">@\u2060carol</a>\n\n' +
        '<code>@property</code> stays\n\n' +
        '<pre><code class="language-python">@torch.no_grad()</code></pre>\n\n' +
        '<i>by @\u2060dave</i>',
    );
  });

  it('renders code blocks with their language, and without a bad one', () => {
    expect(render({ body: '```python\nif a < b:\n    pass\n```' })).toEqual([
      '<pre><code class="language-python">if a &lt; b:\n    pass</code></pre>',
    ]);
    expect(render({ body: '```\nx & y\n```' })).toEqual(['<pre>x &amp; y</pre>']);
  });

  it('numbers the reference links and shows an unsafe URL as text', () => {
    const [html] = render({
      body: 'x',
      links: [
        { title: 'Paper <one>', url: 'https://arxiv.org/abs/1?a=1&b=2' },
        { title: 'bad', url: 'javascript:alert(1)' },
        { title: 'two', url: 'https://example.com/' },
      ],
    });
    expect(html).toBe(
      'x\n\n<b>References</b>\n1. <a href="https://arxiv.org/abs/1?a=1&amp;b=2">Paper &lt;one&gt;</a>' +
        '\n2. bad (javascript:alert(1))\n3. <a href="https://example.com/">two</a>',
    );
  });

  it('never sends an empty message', () => {
    expect(render({})).toEqual(['…']);
    expect(render({ body: '   \n\n  ' })).toEqual(['…']);
  });

  it('splits at paragraph boundaries, each part within the limit', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) =>
      `Paragraph ${i} ${'lorem ipsum '.repeat(20)}`.trim(),
    );
    const parts = render({ body: paragraphs.join('\n\n') });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(part.startsWith('Paragraph ')).toBe(true);
      expect(part.endsWith('lorem ipsum')).toBe(true);
    }
    expect(decoded(parts).join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('cuts a single block that is too long between words, closing and reopening its tags', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `w${i}&`);
    const parts = render({ body: `**${words.join(' ')}**` });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(part).toMatch(/^<b>[\s\S]*<\/b>$/);
      expect(part).not.toMatch(/&(?!amp;)/);
    }
    expect(decoded(parts).join(' ').split(/\s+/)).toEqual(words);
  });

  it('cuts text without spaces between code points, never inside an entity or a surrogate pair', () => {
    const body = `\`\`\`\n${'😀&'.repeat(3000)}\n\`\`\``;
    const parts = render({ body }, 1000);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(1000);
      expect(checkTelegramHtml(part, 1000).ok).toBe(true);
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(decoded(parts).join('')).toBe('😀&'.repeat(3000));
  });

  it('splitBlock keeps a link whole across parts', () => {
    const block = wrap('a', [text('x '.repeat(100))], { name: 'href', value: 'https://e.com/' });
    for (const part of splitBlock(block, 60)) {
      expect(part).toMatch(/^<a href="https:\/\/e\.com\/">[x ]+<\/a>$/);
      expect(part.length).toBeLessThanOrEqual(60);
    }
  });
});

describe('plainText', () => {
  it('is the text without markup, or null when buttons or links would be lost', () => {
    expect(plainText({ title: 'T', body: '**a** `b`\n\n- c' })).toBe('T\n\na b\n\n• c');
    expect(plainText({ body: 'x', buttons: [[{ label: 'b', action: 'show:card:x' }]] })).toBeNull();
    expect(plainText({ body: 'x', links: [{ title: 't', url: 'https://e.com' }] })).toBeNull();
  });
});

describe('inlineKeyboard', () => {
  const options = { botUsername: 'dlkb_bot', place: 'group' as const, startPayload: startPayloadForAction };

  it('maps action buttons to callback data and link buttons to urls, with styles', () => {
    expect(
      inlineKeyboard(
        [
          [
            { label: 'Show answer', action: 'show:ans:softmax', style: 'primary' },
            { label: 'Next', action: 'quiz:next:_:_', style: 'secondary' },
          ],
          [{ label: 'Docs', url: 'https://pytorch.org/docs' }],
        ],
        options,
      ),
    ).toEqual({
      inline_keyboard: [
        [
          { text: 'Show answer', callback_data: 'show:ans:softmax', style: 'primary' },
          { text: 'Next', callback_data: 'quiz:next:_:_' },
        ],
        [{ text: 'Docs', url: 'https://pytorch.org/docs' }],
      ],
    });
  });

  it('drops what Telegram would refuse: callback data over 64 bytes, bad URLs; empty keyboards vanish', () => {
    const keyboard = inlineKeyboard(
      [
        [{ label: 'long', action: `show:ans:${'x'.repeat(60)}` }],
        [
          { label: 'js', url: 'javascript:alert(1)' },
          { label: 'ok', action: 'show:card:a' },
        ],
      ],
      options,
    );
    expect(keyboard).toEqual({ inline_keyboard: [[{ text: 'ok', callback_data: 'show:card:a' }]] });
    for (const row of keyboard?.inline_keyboard ?? [])
      for (const b of row)
        if ('callback_data' in b) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    expect(inlineKeyboard([[{ label: 'js', url: 'ftp://x' }], []], options)).toBeUndefined();
    expect(inlineKeyboard(undefined, options)).toBeUndefined();
  });

  it('turns a private action into a start link outside private chats', () => {
    const rows = [[{ label: 'Answer', action: 'show:ans:softmax', private: true }]];
    const group = inlineKeyboard(rows, options)?.inline_keyboard[0]?.[0];
    const url = group && 'url' in group ? group.url : '';
    expect(url).toMatch(/^https:\/\/t\.me\/dlkb_bot\?start=a_[A-Za-z0-9_-]+$/);
    expect(parseStartPayload(url.split('start=')[1] ?? '')).toEqual({ action: 'show:ans:softmax' });
    for (const place of ['channel', 'inline'] as const)
      expect(inlineKeyboard(rows, { ...options, place })?.inline_keyboard[0]?.[0]).toHaveProperty('url');
    expect(inlineKeyboard(rows, { ...options, place: 'private' })?.inline_keyboard[0]?.[0]).toEqual({
      text: 'Answer',
      callback_data: 'show:ans:softmax',
    });
    // Too long for a start payload (64 chars): stays a callback, answered privately on press.
    const long = [[{ label: 'x', action: `show:ans:${'a'.repeat(50)}`, private: true }]];
    expect(inlineKeyboard(long, options)?.inline_keyboard[0]?.[0]).toHaveProperty('callback_data');
  });

  it('clips long labels', () => {
    const b = inlineKeyboard([[{ label: '长'.repeat(100), action: 'show:card:a' }]], options)
      ?.inline_keyboard[0]?.[0];
    expect([...(b?.text ?? '')]).toHaveLength(64);
  });
});
