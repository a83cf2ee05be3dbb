/**
 * The Markdown subset of replies, rendered as Discord markdown. Text is escaped so knowledge-base or
 * user text can never turn into headings, quotes, spoilers, masked links or mentions; code keeps its
 * content, with fences inside a block broken so they cannot close it early.
 */
import { type Block, type Inline, parseMarkdown } from '../../kernel/markdown.ts';

/** Removes control characters other than newline and tab. */
export function stripControl(text: string): string {
  return text.replace(/(?![\n\t])\p{Cc}/gu, '');
}

/**
 * Escapes plain text for Discord: inline markers everywhere, and block markers (`#`, `>`, `-`, `1.`)
 * at the start of a line. A backslash before punctuation is invisible in Discord, so escaping is safe.
 */
export function escapeDiscord(text: string): string {
  return stripControl(text)
    .replace(/[\\*_~`|<[\]@]/g, '\\$&')
    .replace(/^(\s*)([#>-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** Percent-encodes the characters that would end or confuse a masked link's URL. */
export function safeUrl(url: string): string {
  return stripControl(url).replace(/[()<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A masked link `[text](url)` with escaped text. */
export function maskedLink(text: string, url: string): string {
  return `[${escapeDiscord(text)}](${safeUrl(url)})`;
}

function inline(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return escapeDiscord(n.text);
        case 'code':
          return `\`${stripControl(n.text)}\``;
        case 'bold':
          return `**${inline(n.children)}**`;
        case 'italic':
          return `*${inline(n.children)}*`;
        case 'link':
          return maskedLink(n.text, n.url);
      }
      return '';
    })
    .join('');
}

function block(b: Block): string {
  if (b.type === 'paragraph') return inline(b.inlines);
  if (b.type === 'code') {
    const lang = /^[\w+#-]*$/.test(b.lang) ? b.lang : '';
    // A zero-width space keeps a ``` inside the code from closing the block.
    return `\`\`\`${lang}\n${stripControl(b.text).replace(/```/g, '`\u200b``')}\n\`\`\``;
  }
  return b.items
    .map((item, i) => `${b.ordered ? `${b.start + i}.` : '-'} ${inline(item).replace(/\n/g, '\n   ')}`)
    .join('\n');
}

/** Renders Markdown-subset text as Discord markdown. */
export function toDiscordMarkdown(markdown: string): string {
  return parseMarkdown(markdown).map(block).join('\n\n');
}
