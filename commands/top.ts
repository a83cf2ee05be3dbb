/** /top [week|month|all] [category]: this chat's leaderboard by correct answers (then accuracy, then time). */

import { topReply } from '../src/features/scores/top.ts';
import { WINDOWS, type WindowName } from '../src/features/scores/window.ts';
import { defineCommand } from '../src/kernel/command.ts';

function asWindow(value: string | undefined): WindowName {
  return WINDOWS.find((w) => w === value) ?? 'week';
}

export default defineCommand({
  name: 'top',
  description: {
    'zh-CN': '本群答题排行榜（本周、本月、总榜）',
    en: 'This chat’s leaderboard (week, month, all time)',
  },
  options: {
    window: {
      type: 'choice',
      choices: WINDOWS,
      description: { 'zh-CN': '时间段：week 本周、month 本月、all 总榜', en: 'Period: week, month or all' },
    },
    category: {
      type: 'choice',
      choices: 'category',
      description: { 'zh-CN': '只看这个分类', en: 'Only this category' },
    },
  },
  run: (ctx, { window, category }) => topReply(ctx, asWindow(window), category),
});
