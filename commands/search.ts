/** /search <query> [category]: the best matches; pressing a number opens that card. */

import { categoryName, entryCard, showCard } from '../src/features/knowledge/views.ts';
import { defineCommand } from '../src/kernel/command.ts';
import { escapeMarkdown } from '../src/kernel/markdown.ts';

const SHOWN = 5;

export default defineCommand({
  name: 'search',
  description: {
    'zh-CN': '搜索题目（中英文、缩写都可以）',
    en: 'Search the questions (Chinese, English, abbreviations)',
  },
  options: {
    query: {
      type: 'string',
      required: true,
      rest: true,
      autocomplete: 'entry',
      maxLength: 999,
      description: {
        'zh-CN': '要找的内容，例如 交叉熵、BN、NMS',
        en: 'What to look for, e.g. cross entropy, BN, NMS',
      },
    },
    category: {
      type: 'choice',
      choices: 'category',
      description: { 'zh-CN': '只搜这个分类', en: 'Only this category' },
    },
  },
  run(ctx, { query, category }) {
    // An autocomplete choice is an entry id: open it directly.
    const exact = ctx.services.kb.get(query.trim());
    if (exact) return entryCard(ctx, exact);
    const hits = ctx.services.search.search(query, { limit: SHOWN, category });
    if (hits.length === 0) return { body: ctx.t('search.none', { query }), private: true };
    const lines = hits.map(
      ({ entry }, i) =>
        `${i + 1}. **${escapeMarkdown(entry.question)}**\n   ${categoryName(ctx, entry.category)} · *${escapeMarkdown(entry.title_en)}* · \`${entry.id}\``,
    );
    return {
      title: ctx.t.plain('search.title', { query }),
      body: lines.join('\n'),
      buttons: [
        hits.map(({ entry }, i) => ({
          label: String(i + 1),
          action: showCard.action(entry.id),
        })),
      ],
      footer: ctx.t('search.footer'),
    };
  },
});
