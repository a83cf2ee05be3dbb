/**
 * /plan <YYYY-MM-DD> [category…]: prepare for an interview date. /review then introduces the remaining
 * new questions evenly over the days left, keeps to a daily cap and raises the retention in the last
 * week. `/plan` shows the countdown and today's load, `/plan cap <n>` changes the cap, `/plan off` ends it.
 */

import { removePlan, setCap, setPlan } from '../src/features/plan/setup.ts';
import { planStatus } from '../src/features/plan/views.ts';
import { button, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';
import type { CommandContext } from '../src/kernel/context.ts';
import type { Reply } from '../src/kernel/reply.ts';

/** plan:show shows the person's plan; a Telegram group sees only a button to it in a private chat. */
const planShow = button('plan', 'show', (ctx) => planStatus(ctx), { readOnly: true });

/** What /plan's words ask for. */
async function answer(
  ctx: CommandContext,
  date: string | undefined,
  more: string | undefined,
): Promise<Reply> {
  const word = date?.trim().toLowerCase() ?? '';
  if (word === '') return await planStatus(ctx);
  if (word === 'off') return await removePlan(ctx);
  if (word === 'cap') return await setCap(ctx, more ?? '');
  return await setPlan(ctx, word, more ?? '');
}

export default defineCommand({
  name: 'plan',
  description: {
    'zh-CN': '面试日期计划：倒计时、每天的题量和上限',
    en: 'Interview-date plan: countdown, daily load and limit',
  },
  replies: 'private',
  options: {
    date: {
      type: 'string',
      maxLength: 40,
      description: {
        'zh-CN': '面试日期 YYYY-MM-DD，或 cap（改每天上限）、off（取消）',
        en: 'Interview date YYYY-MM-DD, or cap (daily limit) or off (remove)',
      },
    },
    more: {
      type: 'string',
      rest: true,
      maxLength: 200,
      description: {
        'zh-CN': '重点分类（空格分隔），或 cap 后的数字',
        en: 'Focus categories (space-separated), or the number after cap',
      },
    },
  },
  // A plan is personal: where a reply cannot be private (a Telegram group), it opens in a private chat.
  run: async (ctx, { date, more }) => ({ ...(await answer(ctx, date, more)), reopen: planShow.action() }),
  ...buttonsOf('plan', planShow),
});
