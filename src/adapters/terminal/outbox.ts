/**
 * The terminal's outbox: what the bot posts on its own (the daily question, its answer) is printed
 * between the chat's replies, numbered like messages (`#1`, and `↩ #1` for a reply), so `/daily` can be
 * tried with `npm start`. Its buttons are listed but not pressable here: type `/show <id>` instead.
 */
import { type Locale, message } from '../../kernel/i18n.ts';
import type { Outbox } from '../../kernel/outbox.ts';
import type { Reply } from '../../kernel/reply.ts';
import { renderReply } from './render.ts';

/** Options of the terminal outbox. */
export interface TerminalOutboxOptions {
  output: NodeJS.WritableStream;
  /** The language of labels when a send names none. */
  locale: Locale;
  /** ANSI styles; default when output is a TTY. */
  ansi?: boolean;
}

/** An outbox that prints to the terminal; message ids count up from 1. */
export function createTerminalOutbox(options: TerminalOutboxOptions): Outbox {
  const ansi = options.ansi ?? (options.output as NodeJS.WriteStream).isTTY === true;
  let last = 0;
  return {
    platform: 'terminal',
    // Printing has no rate limit: one at a time keeps the lines in order.
    sendLimits: { perSecond: Number.POSITIVE_INFINITY, burst: 1, concurrency: 1 },
    async send(_chatId: string, reply: Reply, sendOptions?: { replyTo?: string; locale?: Locale }) {
      const locale = sendOptions?.locale ?? options.locale;
      const id = String(++last);
      const rendered = renderReply(
        { ...reply, buttons: undefined },
        {
          ansi,
          referencesLabel: message(locale, 'common.references'),
        },
      );
      const to = sendOptions?.replyTo ? ` ↩ #${sendOptions.replyTo}` : '';
      const rule = `── #${id}${to} ${'─'.repeat(24)}`;
      options.output.write(`\n${rule}\n${rendered.text}\n${'─'.repeat(rule.length)}\n`);
      return id;
    },
  };
}
