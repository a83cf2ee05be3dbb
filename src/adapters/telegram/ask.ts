/**
 * A text request (`Reply.ask`, e.g. the Report button's "what is wrong?") in a Telegram private chat: the
 * bot asks with `force_reply` (the person's app opens a reply to the prompt, with a placeholder), and the
 * person's reply to that prompt is run as the command with its text. Nothing is held in memory: the prompt
 * itself ends with a line naming the command and its fixed options (`↩ /report id=nms text=…`), read back
 * from the replied-to message, so a reply still works after a restart. Only replies to the bot's own
 * messages in a private chat are read, and the text goes in as the one option, never parsed as a line.
 */
import type { ForceReply } from 'grammy/types';
import type { Translate } from '../../kernel/i18n.ts';
import { escapeMarkdown, inlineCode } from '../../kernel/markdown.ts';
import type { Reply, TextRequest } from '../../kernel/reply.ts';
import type { Invocation } from '../../kernel/router.ts';

/** Telegram's longest `input_field_placeholder`. */
const MAX_PLACEHOLDER = 64;

const NAME = '[a-z][a-z0-9_-]*';
const VALUE = '[A-Za-z0-9_.+-]+';
const MARKER_RE = new RegExp(`^↩ /(${NAME})((?: ${NAME}=${VALUE})*) (${NAME})=…$`);

/** The prompt's last line: the command, its fixed options and the option the reply fills. */
export function askMarker(ask: TextRequest): string | null {
  const fixed = Object.entries(ask.options).map(([k, v]) => ` ${k}=${v}`);
  const marker = `↩ /${ask.command}${fixed.join('')} ${ask.option}=…`;
  return MARKER_RE.test(marker) ? marker : null;
}

/** The prompt a text request becomes in a private chat, and its `force_reply` markup; null when it cannot. */
export function askPrompt(ask: TextRequest, t: Translate): { reply: Reply; markup: ForceReply } | null {
  const marker = askMarker(ask);
  if (!marker) return null;
  const body = `**${escapeMarkdown(ask.label)}**\n${t('telegram.askReply', { max: ask.maxLength })}\n\n${inlineCode(marker)}`;
  return {
    reply: { title: ask.title, body, private: true },
    markup: {
      force_reply: true,
      input_field_placeholder: [...ask.label].slice(0, MAX_PLACEHOLDER).join(''),
    },
  };
}

/** The invocation a reply to a prompt asks for (the prompt's text, the reply's text); null for any other message. */
export function answeredAsk(prompt: string, text: string): Invocation | null {
  const last = prompt.trimEnd().split('\n').at(-1) ?? '';
  const m = MARKER_RE.exec(last.trim());
  if (!m?.[1] || !m[3]) return null;
  const options: Record<string, string> = {};
  for (const pair of (m[2] ?? '').trim().split(' ').filter(Boolean)) {
    const [key = '', value = ''] = pair.split('=');
    options[key] = value;
  }
  options[m[3]] = text;
  return { name: m[1], options };
}
