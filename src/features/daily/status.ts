/** The replies of `/daily` that describe a subscription: its settings, next post, rotation and health. */
import type { CommandContext } from '../../kernel/context.ts';
import { inlineCode } from '../../kernel/markdown.ts';
import type { Reply } from '../../kernel/reply.ts';
import { categoryName } from '../knowledge/views.ts';
import { digestParts, nextDigestAt, WEEKDAYS, weeksDigest } from './digest-times.ts';
import { nextPostAt } from './post-times.ts';
import { eligibleIds, remaining } from './rotation.ts';
import { type Delivery, type Subscription, threadSettings } from './store.ts';
import { formatClock, formatLocal, localDate } from './time.ts';

/** "in 3 h 20 min", or "being sent now" for an instant that has come. */
function relative(ctx: CommandContext, at: number, now: number): string {
  if (at <= now) return ctx.t.plain('daily.dueNow');
  const minutes = Math.ceil((at - now) / 60_000);
  if (minutes < 60) return ctx.t.plain('daily.inMinutes', { minutes });
  return ctx.t.plain('daily.inDuration', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** The settings lines shared by the subscribe confirmation and the status. */
export async function settingsLines(ctx: CommandContext, sub: Subscription): Promise<string[]> {
  const category = sub.category ? categoryName(ctx, sub.category) : ctx.t('daily.allCategories');
  const reveal =
    sub.revealAfterHours > 0
      ? ctx.t('daily.revealAfter', { hours: sub.revealAfterHours })
      : ctx.t('daily.revealNone');
  return [
    `- **${ctx.t('daily.labelTime')}** ${ctx.t('daily.everyDay', { time: sub.time, timezone: sub.timezone })}`,
    `- **${ctx.t('daily.labelCategory')}** ${category}`,
    `- **${ctx.t('daily.labelReveal')}** ${reveal}`,
    `- **${ctx.t('daily.labelFormat')}** ${ctx.t(`daily.format.${sub.format ?? 'flashcard'}`)}`,
    `- **${ctx.t('daily.labelPick')}** ${ctx.t(`daily.pick.${sub.pick ?? 'rotation'}`)}`,
    ...(sub.platform === 'discord' ? discordLines(ctx, sub) : []),
    await digestLine(ctx, sub),
  ];
}

/** The weekly digest line: its day, time and next send, or that it is off. */
async function digestLine(ctx: CommandContext, sub: Subscription): Promise<string> {
  const label = `- **${ctx.t('daily.digest.label')}** `;
  const parts = digestParts(sub);
  const now = ctx.services.now().getTime();
  const week = weeksDigest(sub, now)?.week;
  const sent =
    week !== undefined &&
    (await ctx.services.store.daily.getDelivery({ chatKey: sub.chatKey, slot: week, kind: 'digest' })) !==
      undefined;
  const next = nextDigestAt(sub, now, sent);
  if (!parts || next === null) return label + ctx.t('daily.digest.off');
  return (
    label +
    ctx.t('daily.digest.at', {
      day: ctx.t.plain(`daily.digest.days.${WEEKDAYS[parts.day] ?? 'sun'}`),
      time: formatClock(parts.minutes),
      timezone: sub.timezone,
      next: formatLocal(next, sub.timezone),
    })
  );
}

/** The thread and role-ping lines of a Discord subscription. */
function discordLines(ctx: CommandContext, sub: Subscription): string[] {
  const { thread, archiveMinutes } = threadSettings(sub);
  const threads =
    thread === 'on' ? ctx.t('daily.threadOn', { hours: archiveMinutes / 60 }) : ctx.t('daily.threadOff');
  const role = sub.roleId ? ctx.t('daily.roleId', { id: inlineCode(sub.roleId) }) : ctx.t('daily.roleNone');
  return [`- **${ctx.t('daily.labelThread')}** ${threads}`, `- **${ctx.t('daily.labelRole')}** ${role}`];
}

/** What became of the last post's thread: its link, or why it was skipped; nothing when none was wanted. */
function threadLine(ctx: CommandContext, post: Delivery): string | null {
  if (post.threadUrl) return ctx.t('daily.threadStarted', { url: post.threadUrl });
  if (post.threadSkip === 'no-permission') return ctx.t('daily.threadSkippedNoPermission');
  if (post.threadSkip === 'failed') return ctx.t('daily.threadSkippedFailed');
  return null;
}

/** The next post line: when, in the chat's time zone, and how long until then. */
export async function nextLine(ctx: CommandContext, sub: Subscription, now: number): Promise<string> {
  const label = `- **${ctx.t('daily.labelNext')}** `;
  if (sub.disabledAt !== null) return label + ctx.t('daily.notScheduled');
  const today = localDate(now, sub.timezone);
  const postedToday =
    (await ctx.services.store.daily.getDelivery({ chatKey: sub.chatKey, slot: today, kind: 'post' })) !==
    undefined;
  const at = nextPostAt(sub, now, { postedToday });
  return (
    label + ctx.t('daily.next', { when: formatLocal(at, sub.timezone), relative: relative(ctx, at, now) })
  );
}

/** The full status of a chat's subscription (private to the admin who asked). */
export async function statusReply(ctx: CommandContext, sub: Subscription, label: string): Promise<Reply> {
  const { store, kb } = ctx.services;
  const now = ctx.services.now().getTime();
  const eligible = eligibleIds(kb, sub.category);
  const rotation = await store.daily.getRotation(sub.chatKey);
  let left = remaining(rotation, eligible, sub.category);
  let round = rotation && rotation.category === sub.category ? rotation.round : (rotation?.round ?? 0) + 1;
  if (left === 0) {
    // The round is over: the next post starts a new one.
    left = eligible.length;
    round += 1;
  }
  const lines = [
    ...(await settingsLines(ctx, sub)),
    await nextLine(ctx, sub, now),
    // The adaptive pick has no rounds.
    ...(sub.pick === 'adaptive'
      ? []
      : [
          `- **${ctx.t('daily.labelLeft')}** ${ctx.t('daily.left', { left, total: eligible.length, round })}`,
        ]),
  ];
  const last = (await store.daily.recentDeliveries(sub.chatKey, 10)).find((d) => d.kind === 'post');
  if (last) {
    const status = ctx.t.plain(`daily.status.${last.status}`);
    const date = formatLocal(last.dueAt, sub.timezone).slice(0, 10);
    lines.push(
      `- **${ctx.t('daily.labelLast')}** ${ctx.t('daily.last', { date, id: inlineCode(last.entryId), status })}`,
    );
    const thread = threadLine(ctx, last);
    if (thread) lines.push('', thread);
    if (last.roleSkip && sub.roleId) {
      const role = inlineCode(sub.roleId);
      lines.push(
        '',
        ctx.t(last.roleSkip === 'gone' ? 'daily.roleSkip.gone' : 'daily.roleSkip.noPermission', { role }),
      );
    }
  }
  const digest = (await store.daily.recentDeliveries(sub.chatKey, 20)).find((d) => d.kind === 'digest');
  if (digest) {
    const status = ctx.t.plain(`daily.status.${digest.status}`);
    const date = formatLocal(digest.dueAt, sub.timezone).slice(0, 10);
    lines.push(`- **${ctx.t('daily.digest.last', { date, status })}**`);
  }
  if (sub.disabledAt !== null) lines.push('', ctx.t('daily.disabled', { days: sub.goneDays }));
  else if (sub.goneDays > 0) lines.push('', ctx.t('daily.failing', { days: sub.goneDays }));
  return {
    title: ctx.t.plain('daily.statusTitle', { target: label }),
    body: lines.join('\n'),
    private: true,
  };
}
