import { runChat } from '../adapters/terminal/chat.ts';
import { createRouter } from '../app/services.ts';
import { pickLocale } from '../kernel/i18n.ts';
import { type CliCommand, processIo } from './usage.ts';

/** `dlkb chat`: the terminal chat, whatever tokens are set. */
export const chat: CliCommand = {
  usage: 'chat                         talk to the bot in this terminal',
  async run(_args, io = processIo) {
    const router = await createRouter();
    await runChat(router, {
      input: io.stdin,
      output: io.stdout,
      locale: pickLocale(process.env.LANG),
    });
    return 0;
  },
};
