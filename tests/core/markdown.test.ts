import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeMarkdown,
  type Inline,
  inlineText,
  parseInline,
  parseMarkdown,
} from '../../src/kernel/markdown.ts';

const text = (t: string): Inline => ({ type: 'text', text: t });

/** Letters and digits of a text, in order: what no markup may drop or reorder. */
const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

/** The visible text of inline nodes, link targets included. */
function visible(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      if (n.type === 'link') return `${n.text}${n.url}`;
      if (n.type === 'bold' || n.type === 'italic') return visible(n.children);
      return n.text;
    })
    .join('');
}

function allNodes(nodes: Inline[]): Inline[] {
  return nodes.flatMap((n) =>
    n.type === 'bold' || n.type === 'italic' ? [n, ...allNodes(n.children)] : [n],
  );
}

/** Strings rich in the subset's markers, so the properties hit the interesting cases. */
const markdownish = fc.string({
  unit: fc.constantFrom(
    '*',
    '**',
    '_',
    '`',
    '[',
    ']',
    '(',
    ')',
    '\\',
    '\n',
    ' ',
    'a',
    'Z',
    '7',
    '交',
    '.',
    '-',
    'https://x.y/z',
    '```',
    '1. ',
    '- ',
  ),
  maxLength: 40,
});

describe('inline markup', () => {
  it('parses bold, italic, inline code and links', () => {
    expect(parseInline('a **b** *c* `d` [e](https://e.org/x?y=1) f')).toEqual([
      text('a '),
      { type: 'bold', children: [text('b')] },
      text(' '),
      { type: 'italic', children: [text('c')] },
      text(' '),
      { type: 'code', text: 'd' },
      text(' '),
      { type: 'link', text: 'e', url: 'https://e.org/x?y=1' },
      text(' f'),
    ]);
  });

  it('nests italic and code inside bold; code content is never parsed', () => {
    expect(parseInline('**x *y* `*z*`**')).toEqual([
      {
        type: 'bold',
        children: [
          text('x '),
          { type: 'italic', children: [text('y')] },
          text(' '),
          { type: 'code', text: '*z*' },
        ],
      },
    ]);
  });

  it('escapes make markers literal', () => {
    expect(inlineText(parseInline('\\*not italic\\* \\`x\\` \\[a\\](https://a.b) \\\\ \\_'))).toBe(
      '*not italic* `x` [a](https://a.b) \\ _',
    );
    expect(allNodes(parseInline('\\*not italic\\*')).every((n) => n.type === 'text')).toBe(true);
  });

  it('an escaped star before the closing marker stays inside bold and italic', () => {
    // The search results wrap escaped text: `**…\***` and `*…\**` must keep their last star.
    expect(parseInline('**ends with a star\\***')).toEqual([
      { type: 'bold', children: [text('ends with a star'), text('*')] },
    ]);
    expect(parseInline('*a \\* b\\**')).toEqual([
      { type: 'italic', children: [text('a '), text('*'), text(' b'), text('*')] },
    ]);
  });

  it('keeps *args and **kwargs of an escaped title inside one italic', () => {
    const title = 'What are *args and **kwargs, and what do * and ** do in calls?';
    const nodes = parseInline(`*${escapeMarkdown(title)}*`);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]?.type).toBe('italic');
    expect(inlineText(nodes)).toBe(title);
  });

  it.each([
    ['**bold without end', '**bold without end'],
    ['*italic without end', '*italic without end'],
    ['a * b * c', 'a * b * c'],
    ['`code without end', '`code without end'],
    ['snake_case and _underscores_', 'snake_case and _underscores_'],
    ['[no url]', '[no url]'],
    ['[js](javascript:alert(1))', '[js](javascript:alert(1))'],
    ['[ftp](ftp://x.y)', '[ftp](ftp://x.y)'],
    ['2 * 3 = 6', '2 * 3 = 6'],
  ])('unmatched or foreign markers stay literal: %j', (source, shown) => {
    const nodes = parseInline(source);
    expect(nodes.every((n) => n.type === 'text')).toBe(true);
    expect(inlineText(nodes)).toBe(shown);
  });
});

describe('blocks', () => {
  it('splits paragraphs on blank lines and keeps line breaks inside one', () => {
    expect(parseMarkdown('one\ntwo\r\n\r\n\nthree')).toEqual([
      { type: 'paragraph', inlines: [text('one\ntwo')] },
      { type: 'paragraph', inlines: [text('three')] },
    ]);
  });

  it('parses unordered and ordered lists, with indented continuation lines', () => {
    expect(parseMarkdown('- a\n* **b**\n  more of b\n\n1. x\n2) y')).toEqual([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[text('a')], [{ type: 'bold', children: [text('b')] }, text('\nmore of b')]],
      },
      { type: 'list', ordered: true, start: 1, items: [[text('x')], [text('y')]] },
    ]);
  });

  it("an ordered list keeps its first number (a topic list's second page starts at 11)", () => {
    const [list] = parseMarkdown('11. eleven\n12. twelve');
    expect(list).toMatchObject({ type: 'list', ordered: true, start: 11 });
  });

  it('a change between ordered and unordered starts a new list; a paragraph ends a list', () => {
    const blocks = parseMarkdown('- a\n1. b\nafter');
    expect(blocks.map((b) => (b.type === 'list' ? `list:${b.ordered}` : b.type))).toEqual([
      'list:false',
      'list:true',
      'paragraph',
    ]);
  });

  it('parses fenced code with and without a language; markup inside stays literal', () => {
    expect(parseMarkdown('before\n```python\ndef f(x):\n    return **x**\n```\n```\nplain\n```')).toEqual([
      { type: 'paragraph', inlines: [text('before')] },
      { type: 'code', lang: 'python', text: 'def f(x):\n    return **x**' },
      { type: 'code', lang: '', text: 'plain' },
    ]);
  });

  it('an unclosed fence runs to the end of the text', () => {
    expect(parseMarkdown('```c++\nint x;\n\n- not a list')).toEqual([
      { type: 'code', lang: 'c++', text: 'int x;\n\n- not a list' },
    ]);
  });

  it('an empty document has no blocks', () => {
    expect(parseMarkdown('')).toEqual([]);
    expect(parseMarkdown('\n  \n')).toEqual([]);
  });
});

describe('properties', () => {
  it('parseMarkdown never throws and produces no empty nodes', () => {
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string({ unit: 'binary' })), (source) => {
        for (const block of parseMarkdown(source)) {
          const inlines =
            block.type === 'paragraph' ? block.inlines : block.type === 'list' ? block.items.flat() : [];
          for (const n of allNodes(inlines)) {
            if (n.type === 'bold' || n.type === 'italic') expect(n.children.length).toBeGreaterThan(0);
            else expect(n.text.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('inline markup never drops or reorders letters and digits', () => {
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string({ unit: 'grapheme' })), (source) => {
        expect(letters(visible(parseInline(source)))).toBe(letters(source));
      }),
      { numRuns: 500 },
    );
  });

  it('text without markers is kept exactly', () => {
    const plain = fc.string({ unit: 'grapheme' }).map((s) => s.replace(/[\\`*_[\]]/g, ''));
    fc.assert(
      fc.property(plain, (s) => {
        expect(inlineText(parseInline(s))).toBe(s);
      }),
    );
  });

  it('escaped text is shown exactly, alone or wrapped in bold or italic', () => {
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string({ unit: 'grapheme' })), (s) => {
        expect(inlineText(parseInline(escapeMarkdown(s)))).toBe(s);
        const line = s.replace(/\s+/g, ' ').trim();
        if (line === '') return;
        for (const [marker, type] of [
          ['**', 'bold'],
          ['*', 'italic'],
        ] as const) {
          const nodes = parseInline(`${marker}${escapeMarkdown(line)}${marker}`);
          expect(nodes.map((n) => n.type)).toEqual([type]);
          expect(inlineText(nodes)).toBe(line);
        }
      }),
      { numRuns: 500 },
    );
  });
});
