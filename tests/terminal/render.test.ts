import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTerminalOutbox } from '../../src/adapters/terminal/outbox.ts';
import { renderMarkdown, renderReply, stripControl } from '../../src/adapters/terminal/render.ts';
import type { Reply } from '../../src/kernel/reply.ts';
import { CONTROL, unstyle } from './harness.ts';

const plain = (md: string) => renderMarkdown(md, { ansi: false });

describe('renderMarkdown', () => {
  it('plain: markers disappear, links show their URL', () => {
    expect(plain('**bold** *italic* `code` [site](https://a.org/x)')).toBe(
      'bold italic code site (https://a.org/x)',
    );
  });

  it('ANSI: bold, italic, code and dim labels use their SGR codes', () => {
    expect(renderMarkdown('**b** *i* `c`', { ansi: true })).toBe(
      '\x1b[1mb\x1b[22m \x1b[3mi\x1b[23m \x1b[36mc\x1b[39m',
    );
    expect(renderMarkdown('**a *b* c**', { ansi: true })).toBe('\x1b[1ma \x1b[3mb\x1b[23m c\x1b[22m');
    expect(renderMarkdown('```py\nx = 1\n```', { ansi: true })).toBe(
      '\x1b[2m── py\x1b[22m\n    \x1b[36mx = 1\x1b[39m',
    );
  });

  it('code blocks: a language label, four-space indent, markup kept literal', () => {
    expect(plain('```python\ndef f():\n    return **x**\n```')).toBe(
      '── python\n    def f():\n        return **x**',
    );
    expect(plain('```\nno label\n```')).toBe('    no label');
  });

  it('lists: bullets, numbers from the first item, continuation lines indented', () => {
    expect(plain('- a\n- b\n  more')).toBe('• a\n• b\n  more');
    expect(plain('1. x\n2. y')).toBe('1. x\n2. y');
    expect(plain('11. eleven\n12. twelve')).toBe('11. eleven\n12. twelve');
  });

  it('paragraphs are separated by a blank line; escapes and unmatched markers stay literal', () => {
    expect(plain('one\ntwo\n\nthree')).toBe('one\ntwo\n\nthree');
    expect(plain('\\*not\\* **open *half `tick')).toBe('*not* **open *half `tick');
  });
});

describe('renderReply', () => {
  const reply: Reply = {
    title: 'Title',
    body: 'Body **x**',
    links: [
      { title: 'First', url: 'https://a.org/1' },
      { title: 'Second', url: 'https://b.org/2' },
    ],
    footer: 'foot',
    buttons: [
      [
        { label: 'One', action: 'a:b' },
        { label: 'Two', action: 'a:c' },
      ],
      [{ label: 'Link', url: 'https://c.org' }],
    ],
  };

  it('title, body, numbered references, footer, then the buttons numbered across rows', () => {
    const { text, buttons } = renderReply(reply, { ansi: false, referencesLabel: '参考链接' });
    expect(text).toBe(
      [
        'Title',
        'Body x',
        '参考链接\n  1. First\n     https://a.org/1\n  2. Second\n     https://b.org/2',
        'foot',
        '[1] One  [2] Two  [3] Link',
      ].join('\n\n'),
    );
    expect(buttons.map((b) => b.label)).toEqual(['One', 'Two', 'Link']);
  });

  it('styles the title and references label in bold and the footer dim with ANSI, and only then', () => {
    const { text } = renderReply(reply, { ansi: true, referencesLabel: 'References' });
    expect(text).toContain('\x1b[1mTitle\x1b[22m');
    expect(text).toContain('\x1b[1mReferences\x1b[22m');
    expect(text).toContain('\x1b[2mfoot\x1b[22m');
    expect(unstyle(text)).toBe(renderReply(reply, { ansi: false, referencesLabel: 'References' }).text);
  });

  it('an empty reply renders as nothing and has no buttons', () => {
    expect(renderReply({}, { ansi: true, referencesLabel: 'R' })).toEqual({ text: '', buttons: [] });
  });

  it('no control character from any field reaches the text (property)', () => {
    const nasty = fc.string({
      unit: fc.constantFrom(
        '\x1b',
        '[',
        '31m',
        ']0;',
        '\x07',
        '\u009b',
        '\r',
        '\b',
        '\x00',
        '\x7f',
        'a',
        '*',
        '\n',
        '`',
      ),
      maxLength: 20,
    });
    fc.assert(
      fc.property(nasty, nasty, nasty, nasty, (title, body, label, url) => {
        const r: Reply = {
          title,
          body,
          footer: label,
          links: [{ title: label, url }],
          buttons: [[{ label, action: 'x:y' }]],
        };
        for (const ansi of [false, true]) {
          // The label comes from the locale files, the rest may carry what people typed.
          const { text } = renderReply(r, { ansi, referencesLabel: 'References' });
          expect(unstyle(text)).not.toMatch(CONTROL);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('stripControl', () => {
  it.each([
    ['\x1b[31mred\x1b[0m', 'red'],
    ['\x1b[2J\x1b[1;1Hclear', 'clear'],
    ['bell\x07', 'bell'],
    ['\u009b31mc1', '31mc1'],
    ['keep\nlines\tand tabs', 'keep\nlines\tand tabs'],
    ['back\bspace\r', 'backspace'],
    ['交叉熵', '交叉熵'],
  ])('%j → %j', (input, output) => {
    expect(stripControl(input)).toBe(output);
  });
});

describe('the terminal outbox (daily posts between replies)', () => {
  it('numbers posts, marks replies, lists no buttons, and styles only when asked', async () => {
    const output = new PassThrough();
    let out = '';
    output.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    const outbox = createTerminalOutbox({ output, locale: 'en' });
    const post: Reply = {
      title: 'Daily \x1b[31mquestion',
      body: '**Q**',
      links: [{ title: 'Ref', url: 'https://a.org' }],
      buttons: [[{ label: 'Answer', action: 'daily:ans:x' }]],
    };
    expect(await outbox.send('local', post)).toBe('1');
    expect(await outbox.send('local', { body: 'answer' }, { replyTo: '1', locale: 'zh-CN' })).toBe('2');
    expect(out).toMatch(
      /^\n── #1 ─+\nDaily question\n\nQ\n\nReferences\n {2}1\. Ref\n {5}https:\/\/a\.org\n─+\n/,
    );
    expect(out).toMatch(/\n── #2 ↩ #1 ─+\nanswer\n─+\n$/);
    expect(out).not.toContain('Answer');
    expect(out).not.toContain('\x1b');

    const styled = new PassThrough();
    let ansi = '';
    styled.setEncoding('utf8').on('data', (d: string) => {
      ansi += d;
    });
    await createTerminalOutbox({ output: styled, locale: 'en', ansi: true }).send('local', post);
    expect(ansi).toContain('\x1b[1mDaily question\x1b[22m');
    output.destroy();
    styled.destroy();
  });
});
