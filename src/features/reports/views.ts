/**
 * What a reporter sees: the usage of /report for an entry (the Report button's answer), and "thanks,
 * we'll look" once a report is filed (nothing else: not the text, not the number, not a merge).
 */
import type { CommandContext } from '../../kernel/context.ts';
import type { Reply } from '../../kernel/reply.ts';
import { requireEntry } from '../knowledge/views.ts';
import { fileReport, MAX_REPORT_CHARS } from './file.ts';

/**
 * How to report a mistake in an entry's answer: a form for the text where the platform has one (a
 * Discord modal), else the exact `/report <id> ` line to type.
 */
export function reportUsage(ctx: CommandContext, id: string): Reply {
  const entry = requireEntry(ctx, id);
  return {
    body: ctx.t('report.usage', { id: entry.id, max: MAX_REPORT_CHARS }),
    private: true,
    ask: {
      title: ctx.t.plain('report.formTitle', { id: entry.id }),
      label: ctx.t.plain('report.formLabel'),
      maxLength: MAX_REPORT_CHARS,
      command: 'report',
      options: { id: entry.id },
      option: 'text',
    },
  };
}

/**
 * Files the person's report on an entry, tells the app (`onReport`, which forwards it to the operators),
 * and thanks them.
 * @throws UserError for an unknown entry, an empty or too long text, or the rate limit
 */
export async function submitReport(ctx: CommandContext, id: string, text: string): Promise<Reply> {
  const entry = requireEntry(ctx, id);
  const filed = await fileReport(ctx.services.reports, {
    entryId: entry.id,
    platform: ctx.platform,
    chatKey: `${ctx.platform}:${ctx.chat.id}`,
    userKey: `${ctx.platform}:${ctx.user.id}`,
    text,
    createdAt: ctx.services.now().getTime(),
  });
  try {
    ctx.services.onReport?.(filed);
  } catch (error) {
    // Forwarding is a courtesy to the operators: the report is stored, the reporter is thanked.
    ctx.services.log.warn({ err: error, report: filed.report.id }, 'report not forwarded');
  }
  return { body: ctx.t('report.thanks'), private: true };
}
