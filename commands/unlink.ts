/**
 * /unlink: this account leaves its linked learner (after a confirmation button) and starts with an
 * empty history; the merged history stays with the learner's other accounts.
 */

import { unlinkAccount, unlinkAsk, unlinkYesId } from '../src/features/link/unlink.ts';
import { bindButton, button, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';

/** unlink:ask asks again (read-only: it only asks; a group's button opens it privately). */
const unlinkAgain = button(
  'unlink',
  'ask',
  async (ctx) => ({ ...(await unlinkAsk(ctx)), reopen: unlinkAgain.action() }),
  {
    readOnly: true,
  },
);

/** unlink:yes unlinks the presser's account. */
const unlinkYes = bindButton(unlinkYesId, (ctx) => unlinkAccount(ctx));

export default defineCommand({
  name: 'unlink',
  description: {
    'zh-CN': '取消本账号的关联（本账号从空白记录开始，学习记录留在其他账号）',
    en: 'Unlink this account (it starts empty; the records stay with your other accounts)',
  },
  replies: 'private',
  run: async (ctx) => ({ ...(await unlinkAsk(ctx)), reopen: unlinkAgain.action() }),
  ...buttonsOf('unlink', unlinkAgain, unlinkYes),
});
