/**
 * /remind on [HH:MM] [time zone] · /remind off · /remind: at most one private message a day, at the
 * person's local time, when they have reviews due, with a button that starts /review.
 */
import { remindOff, remindOn, remindStatus } from '../src/features/remind/settings.ts';
import { button, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';
import type { CommandContext } from '../src/kernel/context.ts';
import { UserError } from '../src/kernel/errors.ts';
import type { Reply } from '../src/kernel/reply.ts';

/** remind:show shows the person's setting; opened from a group, it starts the private chat with the bot. */
const remindShow = button('remind', 'show', (ctx) => remindStatus(ctx), { readOnly: true });

/** What /remind's words ask for. */
async function answer(
  ctx: CommandContext,
  mode: string | undefined,
  when: string | undefined,
): Promise<Reply> {
  const word = mode?.trim().toLowerCase() ?? '';
  if (word === '' || word === 'status') return await remindStatus(ctx);
  if (word === 'on') return await remindOn(ctx, when ?? '', remindShow.action());
  if (word === 'off') return await remindOff(ctx);
  throw new UserError('remind.badMode', { value: mode ?? '' });
}

export default defineCommand({
  name: 'remind',
  description: {
    'zh-CN': '复习提醒：有到期的题时每天私信你一次',
    en: 'Review reminders: one private message a day when cards are due',
  },
  replies: 'private',
  options: {
    mode: {
      type: 'string',
      maxLength: 10,
      description: {
        'zh-CN': 'on（开启）或 off（关闭）；空着查看',
        en: 'on or off; empty to see the setting',
      },
    },
    when: {
      type: 'string',
      rest: true,
      maxLength: 80,
      description: {
        'zh-CN': '时间 HH:MM 和时区，例如 08:30 Asia/Shanghai',
        en: 'Time HH:MM and time zone, e.g. 08:30 Europe/Berlin',
      },
    },
  },
  run: (ctx, { mode, when }) => answer(ctx, mode, when),
  ...buttonsOf('remind', remindShow),
});
