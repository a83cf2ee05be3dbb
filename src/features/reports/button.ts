/**
 * The small 纠错 / Report button under every revealed answer. Declared here (its handler is bound in
 * `commands/report.ts`) so the answer view can show it without importing a command. Private: on Discord
 * the press is answered ephemerally; in a Telegram group it opens the private chat with the bot.
 */
import { buttonId } from '../../kernel/button.ts';
import type { CommandContext } from '../../kernel/context.ts';
import type { ActionButton } from '../../kernel/reply.ts';

/** report:new:<entry id> asks the person what is wrong in that entry's answer. */
export const reportNewId = buttonId('report', 'new');

/** The Report button of an entry's answer. */
export function reportButton(ctx: CommandContext, entryId: string): ActionButton {
  return {
    label: ctx.t.plain('report.button'),
    action: reportNewId.action(entryId),
    style: 'secondary',
    private: true,
  };
}
