/**
 * /stats: your answers (overall and per category), streaks, reviews due, weakest categories and the key
 * points you miss most (grading by key points, each a button to its answer); always
 * private (ephemeral on Discord, a private chat on Telegram). `/stats forget` deletes all your records on
 * this platform after a confirmation button.
 */

import { learnerKey } from '../src/features/link/learner.ts';
import { accountName, linkedAccounts } from '../src/features/link/views.ts';
import { weakPointsSection } from '../src/features/review/weak-points.ts';
import { forgetPerson } from '../src/features/scores/forget.ts';
import { statsBody } from '../src/features/scores/stats.ts';
import { button, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';
import type { CommandContext } from '../src/kernel/context.ts';
import type { Reply } from '../src/kernel/reply.ts';

async function show(ctx: CommandContext): Promise<Reply> {
  const { body, buttons } = await statsBody(ctx);
  const weak = await weakPointsSection(ctx);
  return {
    title: ctx.t.plain('stats.title'),
    body: weak ? `${body}\n\n${weak.text}` : body,
    buttons: weak ? [...buttons, weak.row] : buttons,
    private: true,
    reopen: statsShow.action(),
  };
}

async function ask(ctx: CommandContext): Promise<Reply> {
  const { accounts } = await linkedAccounts(ctx);
  const linked = ctx.t('link.forgetLinked', {
    accounts: accounts.map((a) => accountName(ctx, a)).join(', '),
  });
  return {
    body: accounts.length > 1 ? `${ctx.t('stats.forgetAsk')}\n\n${linked}` : ctx.t('stats.forgetAsk'),
    buttons: [[{ label: ctx.t.plain('stats.forgetButton'), action: statsForget.action(), style: 'danger' }]],
    private: true,
    reopen: statsAsk.action(),
  };
}

/** stats:show shows the presser's stats (read-only: a deep link may open it). */
const statsShow = button('stats', 'show', (ctx) => show(ctx), { readOnly: true });

/** stats:ask asks the presser to confirm forgetting (read-only: it only asks). */
const statsAsk = button('stats', 'ask', (ctx) => ask(ctx), { readOnly: true });

/** stats:forget deletes the presser's records (changes state: a deep link to it must be signed for them). */
const statsForget = button('stats', 'forget', async (ctx) => {
  const deleted = await forgetPerson(ctx.services, await learnerKey(ctx));
  const body = deleted > 0 ? ctx.t('stats.forgotten', { n: deleted }) : ctx.t('stats.forgotNothing');
  return { body, private: true, edit: true };
});

export default defineCommand({
  name: 'stats',
  description: {
    'zh-CN': '我的成绩：正确率、连续学习天数、待复习；forget 删除我的全部记录',
    en: 'Your stats: accuracy, streak, reviews due; forget deletes all your records',
  },
  replies: 'private',
  options: {
    action: {
      type: 'choice',
      choices: ['forget'],
      description: {
        'zh-CN': 'forget：删除我的全部记录（需确认）',
        en: 'forget: delete all your records (asks first)',
      },
    },
  },
  run: async (ctx, { action }) => (action === 'forget' ? await ask(ctx) : await show(ctx)),
  ...buttonsOf('stats', statsShow, statsAsk, statsForget),
});
