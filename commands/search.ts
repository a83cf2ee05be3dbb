/**
 * /search <query> [category]: the best matches; pressing a number opens that card. When nothing matches
 * well it says so, offers the closest topics and points to /topics. Follow-ups (追问) that match are
 * offered after the list, each with its parent entry.
 */

import { entryCard } from '../src/features/knowledge/views.ts';
import { followedSearchReply, SHOWN } from '../src/features/search/views.ts';
import { defineCommand } from '../src/kernel/command.ts';

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
    // Not confident: "nothing matched well", the closest topics and /topics (views.ts).
    const result = ctx.services.search.query(query, { limit: SHOWN, category });
    // Follow-ups (追问) that match, each with its parent entry, after the list (followup-index.ts).
    const related = ctx.services.followUps?.related(query, { category }, result) ?? [];
    return followedSearchReply(ctx, query, result, related);
  },
});
