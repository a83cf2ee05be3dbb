/**
 * /notify on|off: a member of a Discord server asks to be mentioned by the daily question (or no longer):
 * the bot gives or removes the role the admin chose with `/daily subscribe role:`. Open to everyone.
 */
import { notifyReply } from '../src/features/daily/notify.ts';
import { defineCommand } from '../src/kernel/command.ts';

export default defineCommand({
  name: 'notify',
  description: {
    'zh-CN': '每日一题发题时提醒我（on）或不再提醒（off）：领取或退出提醒身份组（Discord）',
    en: 'Be mentioned by the daily question (on) or not (off): take or leave its role (Discord)',
  },
  replies: 'private',
  options: {
    state: {
      type: 'choice',
      choices: ['on', 'off'],
      required: true,
      description: { 'zh-CN': 'on 提醒我，off 不再提醒', en: 'on: mention me; off: stop' },
    },
  },
  run: (ctx, { state }) => notifyReply(ctx, state === 'on'),
});
