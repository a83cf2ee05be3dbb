/**
 * Renders a reply for the terminal: ANSI styles on a TTY, plain text otherwise. Buttons are numbered
 * `[1] 显示答案  [2] 下一题`; typing the number presses the button.
 */
import { type Block, type Inline, parseMarkdown } from '../../kernel/markdown.ts';
import { allButtons, type Button, type Reply } from '../../kernel/reply.ts';

interface Style {
  bold(s: string): string;
  italic(s: string): string;
  code(s: string): string;
  dim(s: string): string;
}

const ANSI: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  italic: (s) => `\x1b[3m${s}\x1b[23m`,
  code: (s) => `\x1b[36m${s}\x1b[39m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
};

const PLAIN: Style = { bold: (s) => s, italic: (s) => s, code: (s) => s, dim: (s) => s };

/** Removes escape sequences and control characters, so no text can drive the terminal. */
export function stripControl(text: string): string {
  return text.replace(/\p{Cc}\[[0-9;?]*[ -/]*[@-~]/gu, '').replace(/(?![\n\t])\p{Cc}/gu, '');
}

function inline(nodes: Inline[], s: Style): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return stripControl(n.text);
        case 'code':
          return s.code(stripControl(n.text));
        case 'bold':
          return s.bold(inline(n.children, s));
        case 'italic':
          return s.italic(inline(n.children, s));
        case 'link':
          return `${stripControl(n.text)} (${stripControl(n.url)})`;
      }
      return '';
    })
    .join('');
}

function block(b: Block, s: Style): string {
  if (b.type === 'paragraph') return inline(b.inlines, s);
  if (b.type === 'code') {
    const label = b.lang ? `${s.dim(`── ${b.lang}`)}\n` : '';
    return (
      label +
      stripControl(b.text)
        .split('\n')
        .map((l) => `    ${s.code(l)}`)
        .join('\n')
    );
  }
  return b.items
    .map((item, i) => `${b.ordered ? `${b.start + i}.` : '•'} ${inline(item, s).replace(/\n/g, '\n  ')}`)
    .join('\n');
}

/** Renders Markdown-subset text; `ansi`: with terminal styles (bold, italic, colour) rather than plain. */
export function renderMarkdown(markdown: string, { ansi }: { ansi: boolean }): string {
  const s = ansi ? ANSI : PLAIN;
  return parseMarkdown(markdown)
    .map((b) => block(b, s))
    .join('\n\n');
}

/** Renders a reply; returns the text and the buttons in the order of their numbers. */
export function renderReply(
  reply: Reply,
  options: { ansi: boolean; referencesLabel: string },
): { text: string; buttons: Button[] } {
  const s = options.ansi ? ANSI : PLAIN;
  const parts: string[] = [];
  if (reply.title) parts.push(s.bold(stripControl(reply.title)));
  if (reply.body) parts.push(renderMarkdown(reply.body, { ansi: options.ansi }));
  if (reply.links && reply.links.length > 0) {
    const links = reply.links.map(
      (l, i) => `  ${i + 1}. ${stripControl(l.title)}\n     ${stripControl(l.url)}`,
    );
    parts.push(`${s.bold(options.referencesLabel)}\n${links.join('\n')}`);
  }
  if (reply.footer) parts.push(s.dim(stripControl(reply.footer)));
  const buttons = allButtons(reply);
  if (buttons.length > 0) parts.push(buttons.map((b, i) => `[${i + 1}] ${stripControl(b.label)}`).join('  '));
  return { text: parts.join('\n\n'), buttons };
}
