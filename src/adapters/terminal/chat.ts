/**
 * The terminal chat: one person, one chat, the same commands as on Discord and Telegram.
 * Reads lines from any stream (a TTY or a pipe), answers each in order, and resolves at end of input.
 */
import { createInterface } from 'node:readline';
import { type Locale, message, translator } from '../../kernel/i18n.ts';
import { type Button, isActionButton, type Reply, type ReplyFile } from '../../kernel/reply.ts';
import type { Origin, Router } from '../../kernel/router.ts';
import { saveFile } from './files.ts';
import { osUser } from './identity.ts';
import { renderReply, stripControl } from './render.ts';
import { pressToggles, toggleNumbers } from './toggles.ts';

export interface ChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  locale: Locale;
  /** ANSI styles and a prompt: default when output is a TTY. */
  interactive?: boolean;
  /** Where files of a reply (an export) are written: the current folder by default. */
  filesDir?: string;
  /** The person's id (`localIdentity` of the data folder); the OS user name by default. */
  userId?: string;
}

const EXIT = new Set(['/exit', '/quit', 'exit', 'quit']);

/** Runs the chat until `/exit` or end of input. */
export async function runChat(router: Router, options: ChatOptions): Promise<void> {
  const interactive = options.interactive ?? (options.output as NodeJS.WriteStream).isTTY === true;
  const origin: Origin = {
    platform: 'terminal',
    chat: { id: 'local', kind: 'private' },
    user: { id: options.userId ?? osUser(), admin: true },
    locale: options.locale,
  };
  const write = (text: string) => options.output.write(`${text}\n`);
  const rl = createInterface({ input: options.input, terminal: false });
  const prompt = () => interactive && options.output.write('dlkb> ');
  let buttons: Button[] = [];
  if (interactive) write(`dlkb · ${message(options.locale, 'help.tip')}  /help  /exit`);
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (EXIT.has(line.toLowerCase())) break;
    if (line !== '') {
      let reply = null;
      const several = toggleNumbers(line);
      const number = /^\d+$/.test(line) ? Number(line) : Number.NaN;
      const button = buttons[number - 1];
      if (several) {
        const pressed = await pressToggles((a) => router.press(a, origin), buttons, several);
        if ('reply' in pressed) reply = pressed.reply;
        else write(translator(options.locale).plain('common.notToggle', { number: pressed.notToggle }));
      } else if (button && isActionButton(button)) reply = await router.press(button.action, origin);
      else if (button) write(stripControl(button.url));
      else if (!Number.isNaN(number))
        write(message(options.locale, 'common.noSuchButton').replace('{number}', line));
      else if (line.startsWith('/'))
        reply = (await router.invokeText(line, origin)) ?? notACommand(line, options.locale);
      else reply = await router.invokeText(`/search ${line}`, origin);
      if (reply) {
        const rendered = renderReply(reply, {
          ansi: interactive,
          referencesLabel: message(options.locale, 'common.references'),
        });
        // A reply without buttons (an error, say) leaves the previous buttons pressable.
        if (reply.buttons) buttons = rendered.buttons;
        write(`${rendered.text}\n`);
        for (const file of reply.files ?? []) write(saved(file, options));
      }
    }
    prompt();
  }
  rl.close();
}

/** The answer to a line that starts with `/` but is no command name (`/交叉熵`, `/nope!`, `/`). */
function notACommand(line: string, locale: Locale): Reply {
  const name = [...(line.slice(1).split(/\s/, 1)[0] ?? '')].slice(0, 32).join('');
  return { body: translator(locale)('common.unknownCommand', { name }), private: true };
}

/** Writes one file of a reply and says where, or why it could not. */
function saved(file: ReplyFile, options: ChatOptions): string {
  try {
    const path = saveFile(options.filesDir ?? process.cwd(), file);
    return translator(options.locale).plain('export.saved', { name: file.name, path });
  } catch (error) {
    return stripControl(`${file.name}: ${(error as Error).message}`);
  }
}
