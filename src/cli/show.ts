import { renderReply } from '../adapters/terminal/render.ts';
import { createRouter } from '../app/services.ts';
import { message, pickLocale } from '../kernel/i18n.ts';
import { type CliCommand, processIo, UsageError } from './usage.ts';

/** `dlkb show <id>`: the entry as a reader sees it: question, answer, references. */
export const show: CliCommand = {
  usage: 'show <id>                    an entry: question, answer and references',
  async run(args, io = processIo) {
    const [id, ...extra] = args;
    if (!id || extra.length > 0) throw new UsageError('show takes exactly one entry id');
    const router = await createRouter();
    const locale = pickLocale(process.env.LANG);
    if (!router.services.kb.get(id)) {
      console.error(message(locale, 'common.unknownEntry').replace('{id}', id));
      return 1;
    }
    const origin = {
      platform: 'terminal' as const,
      chat: { id: 'cli', kind: 'private' as const },
      user: { id: 'cli', admin: true },
      locale,
    };
    const reply = await router.press(`show:ans:${id}`, origin);
    const ansi = io.stdout.isTTY === true;
    console.log(
      renderReply(
        { ...reply, buttons: undefined },
        { ansi, referencesLabel: message(locale, 'common.references') },
      ).text,
    );
    return 0;
  },
};
