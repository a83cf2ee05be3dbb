/**
 * /round [count] [category] [difficulty] [seconds]: a timed round of multiple-choice questions for the
 * whole chat, one after another, then a scoreboard (right answers, then total answer time). One round
 * per chat; `/round stop` (its starter or an admin) ends it with the scoreboard of what was played.
 */
import { categoryFilter, difficultyFilter } from '../src/features/knowledge/options.ts';
import { ROUND_LIMITS, startRound, stopRound } from '../src/features/round/start.ts';
import { defineCommand } from '../src/kernel/command.ts';

export default defineCommand({
  name: 'round',
  description: {
    'zh-CN': '群抢答：连续出多道限时选择题，最后公布排行',
    en: 'Group round: timed multiple-choice questions in a row, then a scoreboard',
  },
  checksAdmin: true,
  options: {
    stop: {
      type: 'choice',
      choices: ['stop'],
      description: { 'zh-CN': 'stop：结束正在进行的一轮', en: 'stop: end the running round' },
    },
    count: {
      type: 'integer',
      min: 1,
      max: ROUND_LIMITS.maxCount,
      description: { 'zh-CN': '题数（默认 10）', en: 'Questions (default 10)' },
    },
    category: categoryFilter,
    difficulty: difficultyFilter,
    seconds: {
      type: 'integer',
      min: ROUND_LIMITS.minSeconds,
      max: ROUND_LIMITS.maxSeconds,
      description: { 'zh-CN': '每题秒数（默认 30）', en: 'Seconds per question (default 30)' },
    },
  },
  run: async (ctx, { stop, count, category, difficulty, seconds }) =>
    stop === 'stop' ? await stopRound(ctx) : await startRound(ctx, { count, category, difficulty, seconds }),
});
