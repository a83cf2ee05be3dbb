/**
 * What the operators see of a report: in their chat (`DLKB_REPORTS_CHAT`), a message whose text is the
 * reporter's, escaped for the Markdown subset line by line (each adapter then escapes for its platform:
 * HTML on Telegram, no mentions on Discord); in the terminal (`dlkb reports`), lines with every control
 * character shown as an escape, so no ANSI sequence or bidi override reaches the operator's screen.
 */
import { type Locale, translator } from '../../kernel/i18n.ts';
import type { Platform } from '../../kernel/identity.ts';
import { escapeInline } from '../../kernel/markdown.ts';
import type { Outbox } from '../../kernel/outbox.ts';
import type { Reply } from '../../kernel/reply.ts';
import type { Filed } from './file.ts';
import type { Report } from './store.ts';

/** Where reports are forwarded: a Telegram chat or a Discord channel. */
export interface ReportsChat {
  platform: Exclude<Platform, 'terminal'>;
  chatId: string;
}

/** The message a filed report becomes in the operators' chat. */
export function forwardReply(filed: Filed, locale: Locale): Reply {
  const t = translator(locale);
  const r = filed.report;
  const text = r.text
    .split('\n')
    .map((line) => escapeInline(line))
    .join('\n');
  return {
    title: t.plain('report.forwardTitle', { number: r.id, id: r.entryId }),
    body: filed.merged ? `${text}\n\n${t('report.forwardMerged')}` : text,
    footer: `${r.chatKey} · ${r.userKey}`,
  };
}

/** Each control or format character (ESC, CR, U+202E, …) but a line break, as a visible `\u{…}` escape. */
export function inertText(text: string): string {
  return text.replace(/(?!\n)[\p{Cc}\p{Cf}]/gu, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`);
}

/** A report as lines for a terminal: a header, its text indented and inert, and its close note. */
export function reportLines(r: Report): string[] {
  const at = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const lines = [`#${r.id}  ${r.status}  ${r.entryId}  ${r.chatKey}  ${r.userKey}  ${at(r.createdAt)} UTC`];
  for (const line of inertText(r.text).split('\n')) lines.push(`    ${line}`);
  if (r.status === 'closed')
    lines.push(
      `    closed ${at(r.closedAt ?? r.updatedAt)} UTC: ${inertText(r.closeNote ?? '').replace(/\n/g, ' ')}`,
    );
  return lines;
}

/**
 * The `onReport` hook that forwards each filed report to `chat`, through the outbox of its platform
 * once that platform runs (a report filed before then, or to a platform not running, is only stored).
 * Sending is not awaited: a failed send is logged (never the text) and the report stays stored.
 */
export function reportForwarder(o: {
  chat: ReportsChat;
  outbox: (platform: Platform) => Outbox | undefined;
  locale: Locale;
  onError: (error: unknown, report: number) => void;
}): (filed: Filed) => void {
  return (filed) => {
    const outbox = o.outbox(o.chat.platform);
    if (!outbox) return;
    outbox
      .send(o.chat.chatId, forwardReply(filed, o.locale), { locale: o.locale })
      .catch((error: unknown) => o.onError(error, filed.report.id));
  };
}
