/** /topics [category]: categories with counts; a category lists its questions, page by page. */

import { categoryName, showCard } from '../src/features/knowledge/views.ts';
import { button, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';
import type { CommandContext } from '../src/kernel/context.ts';
import { escapeMarkdown } from '../src/kernel/markdown.ts';
import type { Reply } from '../src/kernel/reply.ts';

const PAGE_SIZE = 10;

function overview(ctx: CommandContext): Reply {
  const { kb } = ctx.services;
  const lines = kb.categories.map(
    (c) =>
      `- **${categoryName(ctx, c.id)}** \`${c.id}\`: ${ctx.t('topics.count', { count: kb.inCategory(c.id).length })}`,
  );
  const buttons = kb.categories.map((c) => ({
    label: categoryName(ctx, c.id),
    action: listButton.action(c.id, 1),
  }));
  const rows = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push(buttons.slice(i, i + 5));
  return {
    title: ctx.t('topics.title'),
    body: lines.join('\n'),
    buttons: rows,
    footer: ctx.t('topics.footer'),
  };
}

function page(
  ctx: CommandContext,
  categoryId: string,
  pageNumber: number,
  { edit }: { edit: boolean },
): Reply {
  const entries = ctx.services.kb.inCategory(categoryId);
  if (entries.length === 0) return overview(ctx);
  const pages = Math.ceil(entries.length / PAGE_SIZE);
  const p = Math.min(Math.max(1, Math.trunc(pageNumber) || 1), pages);
  const slice = entries.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE);
  const first = (p - 1) * PAGE_SIZE;
  const lines = slice.map((e, i) => `${first + i + 1}. ${escapeMarkdown(e.question)} \`${e.id}\``);
  const open = slice.map((e, i) => ({
    label: String(first + i + 1),
    action: showCard.action(e.id),
  }));
  const nav = [
    ...(p > 1
      ? [
          {
            label: `◀ ${ctx.t('topics.previous')}`,
            action: listButton.action(categoryId, p - 1),
          },
        ]
      : []),
    ...(p < pages
      ? [{ label: `${ctx.t('topics.next')} ▶`, action: listButton.action(categoryId, p + 1) }]
      : []),
  ];
  return {
    title: ctx.t.plain('topics.categoryTitle', {
      name: categoryName(ctx, categoryId),
      count: entries.length,
    }),
    body: lines.join('\n'),
    accent: categoryId,
    buttons: [open.slice(0, 5), open.slice(5, 10), nav].filter((row) => row.length > 0),
    footer: ctx.t.plain('topics.page', { page: p, pages }),
    edit,
  };
}

/** topics:list:<category>:<page> shows a page of a category's questions, in place. */
const listButton = button(
  'topics',
  'list',
  (ctx, [category = '', pageNumber = '1']) => page(ctx, category, Number(pageNumber), { edit: true }),
  { readOnly: true },
);

export default defineCommand({
  name: 'topics',
  description: { 'zh-CN': '浏览分类和题目', en: 'Browse categories and their questions' },
  options: {
    category: {
      type: 'choice',
      choices: 'category',
      description: { 'zh-CN': '要浏览的分类', en: 'Category to list' },
    },
  },
  run: (ctx, { category }) => (category ? page(ctx, category, 1, { edit: false }) : overview(ctx)),
  ...buttonsOf('topics', listButton),
});
