import { runChat } from '../adapters/terminal/chat.ts';
import { createRouter } from '../app/services.ts';
import { pickLocale } from '../kernel/i18n.ts';
import type { CliCommand } from './usage.ts';

/** `dlkb chat`: the terminal chat, whatever tokens are set. */
export const chat: CliCommand = {
  usage: 'chat                         talk to the bot in this terminal',
  async run() {
    const router = await createRouter();
    await runChat(router, {
      input: process.stdin,
      output: process.stdout,
      locale: pickLocale(process.env.LANG),
    });
    return 0;
  },
};
