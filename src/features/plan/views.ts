/** The plan's texts: the status line (countdown, today's load, coverage) and the /plan replies. */
import type { CommandContext } from '../../kernel/context.ts';
import type { Reply } from '../../kernel/reply.ts';
import { localDate } from '../daily/time.ts';
import { userKey } from '../review/review.ts';
import { daysBetween, FINAL_DAYS, type PlanPick, type PlanToday, planToday, planZone } from './schedule.ts';

/** "还有 19 天 · 今天 9 道到期 + 4 道新题 · 已覆盖 61/114", as plain text. */
export function statusLine(ctx: CommandContext, load: PlanToday): string {
  const vars = { due: load.due, fresh: load.fresh, covered: load.covered, total: load.total };
  return load.daysLeft === 0
    ? ctx.t.plain('plan.statusToday', vars)
    : ctx.t.plain('plan.status', { days: load.daysLeft, ...vars });
}

/** The names of a plan's focus categories, in the person's language. */
function focusNames(ctx: CommandContext, categories: readonly string[]): string {
  if (categories.length === 0) return ctx.t.plain('plan.allCategories');
  const { kb } = ctx.services;
  return categories
    .map((id) => {
      const c = kb.category(id);
      return c ? (ctx.locale === 'en' ? c.name_en : c.name) : id;
    })
    .join(', ');
}

/** /plan: the person's plan and today's load, or how to set one, or that its date has passed. */
export async function planStatus(ctx: CommandContext, lead?: string): Promise<Reply> {
  const user = await userKey(ctx);
  const now = ctx.services.now().getTime();
  const plan = await ctx.services.store.plans.get(user);
  if (!plan) return { body: ctx.t('plan.none'), private: true };
  const load = await planToday(ctx.services, user, now);
  if (!load) return { body: ctx.t('plan.past', { date: plan.date }), private: true };
  const lines = [
    ...(lead ? [lead] : []),
    `**${ctx.t.plain('plan.review', { status: statusLine(ctx, load) })}**`,
    ctx.t('plan.details', {
      date: plan.date,
      focus: focusNames(ctx, plan.categories),
      cap: plan.cap,
      done: load.done,
    }),
  ];
  if (load.tight) lines.push(ctx.t('plan.tight', { cap: plan.cap }));
  if (load.daysLeft <= FINAL_DAYS) lines.push(ctx.t('plan.finalWeek'));
  return { body: lines.join('\n'), private: true };
}

/** Days from today to a plan date, in the bot's time zone (negative: it has passed). */
export function daysUntil(ctx: CommandContext, date: string): number {
  return daysBetween(localDate(ctx.services.now().getTime(), planZone(ctx.services)), date);
}

/** /review under a plan when today's work is over: the cap is reached, or nothing more is planned. */
export function planRest(ctx: CommandContext, pick: Extract<PlanPick, { kind: 'rest' }>): Reply {
  const text =
    pick.reason === 'cap' ? ctx.t('plan.capReached', { cap: pick.load.plan.cap }) : ctx.t('plan.doneToday');
  return {
    body: `${text}\n${ctx.t('plan.review', { status: statusLine(ctx, pick.load) })}`,
    private: true,
  };
}
