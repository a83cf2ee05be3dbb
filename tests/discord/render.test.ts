import { embedLength } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accentColours, DEFAULT_COLOUR } from '../../src/adapters/discord/colours.ts';
import { escapeDiscord, maskedLink, toDiscordMarkdown } from '../../src/adapters/discord/markdown.ts';
import {
  clamp,
  LIMITS,
  type RenderOptions,
  renderEmbed,
  renderReply,
  renderRows,
  truncateMarkdown,
} from '../../src/adapters/discord/render.ts';
import { translator } from '../../src/kernel/i18n.ts';
import type { Reply } from '../../src/kernel/reply.ts';

const options: RenderOptions = {
  t: translator('en'),
  colour: accentColours(['nlp', 'ml']),
  isEntry: (id) => id === 'batch-norm',
};

function withinLimits(reply: Reply) {
  const embed = renderEmbed(reply, options);
  expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
  expect((embed.title ?? '').length).toBeLessThanOrEqual(LIMITS.title);
  expect((embed.description ?? '').length).toBeLessThanOrEqual(LIMITS.description);
  expect((embed.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.footer);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
  for (const f of embed.fields ?? []) {
    expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  expect(embed.title || embed.description || embed.fields).toBeTruthy();
  return embed;
}

describe('discord rendering', () => {
  it('cuts a huge body at 4096 with a visible "…" and a pointer to /show <id>', () => {
    const body = Array.from({ length: 400 }, (_, i) => `- point ${i}: ${'细节'.repeat(20)}`).join('\n');
    const embed = withinLimits({ title: 'Q', body, footer: 'Answer · batch-norm' });
    expect(embed.description).toContain('…');
    expect(embed.description).toContain('/show batch-norm');
    expect(embed.description?.length).toBeGreaterThan(3500);
  });

  it('points to no entry when the reply is not about one', () => {
    const embed = withinLimits({ body: 'x'.repeat(10_000) });
    expect(embed.description).toMatch(/…\n\n\*Too long, shortened\.\*$/);
  });

  it('keeps the whole embed within 6000 with a long title, footer and many references', () => {
    const links = Array.from({ length: 80 }, (_, i) => ({
      title: `ref ${i} ${'t'.repeat(90)}`,
      url: `https://e.org/${i}`,
    }));
    const embed = withinLimits({
      title: 'T'.repeat(1000),
      body: 'b'.repeat(5000),
      links,
      footer: 'f'.repeat(5000),
    });
    expect(embed.title?.endsWith('…')).toBe(true);
    expect(embed.fields?.[0]?.name).toBe('References');
    expect(embed.fields?.at(-1)?.value.endsWith('…')).toBe(true);
  });

  it('stays within the limits for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.string({ maxLength: 9000 }),
        fc.string({ maxLength: 3000 }),
        fc.array(fc.record({ title: fc.string({ maxLength: 200 }), url: fc.webUrl() }), { maxLength: 40 }),
        (title, body, footer, links) => {
          withinLimits({ title, body, footer, links });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps a reference whose link is too long for a field readable instead of cutting its URL', () => {
    const embed = withinLimits({
      body: 'b',
      links: [{ title: 'paper', url: `https://e.org/${'p'.repeat(1100)}` }],
    });
    expect(embed.fields?.[0]?.value).toBe('1. paper');
  });

  it('closes a code block it cuts through', () => {
    const text = `intro\n\n\`\`\`python\n${'print(1)\n'.repeat(1000)}\`\`\``;
    const cut = truncateMarkdown(text, 500, '*note*');
    expect(cut.length).toBeLessThanOrEqual(500);
    expect(cut.match(/^```/gm)?.length).toBe(2);
    expect(cut.endsWith('…\n\n*note*')).toBe(true);
  });

  it('never splits a surrogate pair nor leaves an escaping backslash', () => {
    expect(clamp('😀😀😀', 4)).toBe('😀…');
    expect(clamp('ab\\*cd', 4)).toBe('ab…');
  });

  it('escapes text so it cannot mention, format, quote or link', () => {
    expect(escapeDiscord('@everyone <@123> *x* _y_ ~z~ ||s|| [a](b)')).toBe(
      '\\@everyone \\<\\@123> \\*x\\* \\_y\\_ \\~z\\~ \\|\\|s\\|\\| \\[a\\](b)',
    );
    expect(escapeDiscord('# h\n> q\n- l\n1. n')).toBe('\\# h\n\\> q\n\\- l\n1\\. n');
    expect(toDiscordMarkdown('```js\nconst a = "```";\n```')).toBe('```js\nconst a = "`\u200b``";\n```');
    expect(maskedLink('Softmax [wiki]', 'https://en.wikipedia.org/wiki/Softmax_(function)')).toBe(
      '[Softmax \\[wiki\\]](https://en.wikipedia.org/wiki/Softmax_%28function%29)',
    );
    expect(toDiscordMarkdown('**bold** *it* `c` - x')).toBe('**bold** *it* `c` \\- x');
  });

  it('lays buttons out in rows of at most 5, at most 5 rows, with short labels and unique ids', () => {
    const rows = Array.from({ length: 3 }, (_, r) =>
      Array.from({ length: 12 }, (_, b) => ({
        label: `${'x'.repeat(120)}${b}`,
        action: `show:card:e${r}${b}`,
      })),
    );
    const out = renderRows([...rows, [{ label: 'dup', action: 'show:card:e00' }]]);
    expect(out.length).toBe(5);
    for (const row of out) {
      expect(row.components.length).toBeLessThanOrEqual(5);
      for (const b of row.components)
        expect('label' in b && b.label?.length).toBeLessThanOrEqual(LIMITS.label);
    }
    const ids = out.flatMap((r) => r.components.map((b) => ('custom_id' in b ? b.custom_id : '')));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('marks private buttons, keeps link buttons and drops what Discord would refuse', () => {
    const [row] = renderRows([
      [
        { label: 'answer', action: 'show:ans:a', private: true, style: 'primary' },
        { label: 'paper', url: 'https://arxiv.org/abs/1502.03167' },
        { label: 'bad', url: 'javascript:alert(1)' },
        { label: 'long', action: `a:b:${'x'.repeat(120)}` },
      ],
    ]);
    expect(row?.components).toEqual([
      { type: 2, style: 1, label: 'answer', custom_id: '!show:ans:a' },
      { type: 2, style: 5, label: 'paper', url: 'https://arxiv.org/abs/1502.03167' },
    ]);
  });

  it('colours by category, and never sends an empty embed', () => {
    const colour = accentColours(['nlp', 'ml']);
    expect(colour('nlp')).not.toBe(colour('ml'));
    expect(colour(undefined)).toBe(DEFAULT_COLOUR);
    expect(colour('other')).toBe(colour('other'));
    const message = renderReply({}, options);
    expect(message.embeds[0]?.description).toBe('…');
    expect(message.allowedMentions).toEqual({ parse: [] });
  });
});
