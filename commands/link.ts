/**
 * /link: one learner across Discord, Telegram and the terminal. `/link` gives this account a one-time
 * code (private, 10 minutes); `/link CODE` on another platform links the two accounts and merges their
 * records; `/link status` lists the linked accounts. `/unlink` (its own command) splits them again.
 */

import { issueCode, redeemCode } from '../src/features/link/link.ts';
import { linkStatus } from '../src/features/link/views.ts';
import { button, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';
import type { CommandContext } from '../src/kernel/context.ts';
import type { Reply } from '../src/kernel/reply.ts';

/** link:status shows the linked accounts (read-only: a deep link may open it). */
const linkShow = button('link', 'status', (ctx) => linkStatus(ctx), { readOnly: true });

/** link:new makes a new code for the presser (a group shows only this button: the code is private). */
const linkNew = button('link', 'new', async (ctx) => ({
  ...(await issueCode(ctx)),
  reopen: linkNew.action(),
}));

async function answer(ctx: CommandContext, code: string | undefined): Promise<Reply> {
  const word = code?.trim() ?? '';
  if (word === '') return { ...(await issueCode(ctx)), reopen: linkNew.action() };
  if (word.toLowerCase() === 'status') return { ...(await linkStatus(ctx)), reopen: linkShow.action() };
  return { ...(await redeemCode(ctx, word)), reopen: linkShow.action() };
}

export default defineCommand({
  name: 'link',
  description: {
    'zh-CN': '关联 Discord、Telegram 和终端的账号，合并学习记录；status 查看已关联账号',
    en: 'Link your Discord, Telegram and terminal accounts into one learner; status lists them',
  },
  replies: 'private',
  options: {
    code: {
      type: 'string',
      rest: true,
      maxLength: 40,
      description: {
        'zh-CN': '另一个账号给的关联码，或 status；留空获取本账号的关联码',
        en: 'The code from your other account, or status; empty gives this account a code',
      },
    },
  },
  run: (ctx, { code }) => answer(ctx, code),
  ...buttonsOf('link', linkShow, linkNew),
});
