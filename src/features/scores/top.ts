/**
 * The /top reply: a chat's leaderboard in a window (this week, this month, all time), optionally of one
 * category. Names are those the answers carried (never mentions, no member lists); the asker sees their
 * own place under the top 10 when they are not in it.
 */
import type { CommandContext } from '../../kernel/context.ts';
import { chatKey } from '../../kernel/identity.ts';
import type { Reply } from '../../kernel/reply.ts';
import { categoryName } from '../knowledge/views.ts';
import { learnerKey } from '../link/learner.ts';
import { shownName } from './answer.ts';
import { accuracy, type Ranked, rank } from './rank.ts';
import { type WindowName, windowAt } from './window.ts';
import { chatZone } from './zone.ts';

/** How many people the leaderboard lists. */
export const TOP_SIZE = 10;

/** "12.5 s", "3 min 20 s": a total answer time. */
export function formatDuration(ctx: CommandContext, ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return ctx.t.plain('top.seconds', { n: seconds.toFixed(1) });
  const whole = Math.round(seconds);
  return ctx.t.plain('top.minutes', { m: Math.floor(whole / 60), s: whole % 60 });
}

/** A whole percentage of right answers. */
export function percent(t: { answered: number; correct: number }): number {
  return Math.round(accuracy(t) * 100);
}

const MEDALS = ['🥇', '🥈', '🥉'];

/** 🥇 🥈 🥉 for the first three ranks, then `#4`… (not `4.`, which Markdown would renumber on ties). */
function place(rank: number): string {
  return MEDALS[rank - 1] ?? `#${rank}`;
}

/** One leaderboard line (`top.line`) or the asker's own (`top.you`): the name as text, never a mention. */
export function rankLine(ctx: CommandContext, r: Ranked, key: 'top.line' | 'top.you' = 'top.line'): string {
  return ctx.t(key, {
    place: place(r.rank),
    rank: r.rank,
    name: shownName(r.userName),
    correct: r.correct,
    answered: r.answered,
    accuracy: percent(r),
    time: formatDuration(ctx, r.timeMs),
  });
}

/** The leaderboard of the asker's chat. */
export async function topReply(
  ctx: CommandContext,
  windowName: WindowName,
  category?: string,
): Promise<Reply> {
  const key = chatKey(ctx.platform, ctx.chat.id);
  const zone = await chatZone(ctx.services, key);
  const window = windowAt(windowName, ctx.services.now().getTime(), zone);
  const ranked = rank(await ctx.services.scores.tally(key, window, category));
  const windowLabel = ctx.t.plain(`top.window.${windowName}`);
  const title = category
    ? ctx.t.plain('top.titleCategory', { window: windowLabel, category: categoryName(ctx, category) })
    : ctx.t.plain('top.title', { window: windowLabel });
  const footer = window.start === null ? undefined : ctx.t.plain('top.since', { date: window.start, zone });
  if (ranked.length === 0) return { title, body: ctx.t('top.empty'), ...(footer ? { footer } : {}) };
  const lines = ranked.slice(0, TOP_SIZE).map((r) => rankLine(ctx, r, 'top.line'));
  const me = await learnerKey(ctx);
  const mine = ranked.findIndex((r) => r.userKey === me);
  const own = ranked[mine];
  if (own && mine >= TOP_SIZE) lines.push('', rankLine(ctx, own, 'top.you'));
  if (!own) lines.push('', ctx.t('top.youNone'));
  return { title, body: lines.join('\n'), ...(footer ? { footer } : {}) };
}
