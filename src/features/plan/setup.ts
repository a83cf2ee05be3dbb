/** Setting, capping and removing a plan: /plan's arguments checked, with a clear message for each mistake. */
import type { CommandContext } from '../../kernel/context.ts';
import { UserError } from '../../kernel/errors.ts';
import type { Reply } from '../../kernel/reply.ts';
import { userKey } from '../review/review.ts';
import { DEFAULT_CAP } from './schedule.ts';
import { daysUntil, planStatus } from './views.ts';

/** The furthest a plan date may be, in days. */
export const MAX_DAYS = 366;
/** The daily cap's bounds. */
export const CAP_RANGE = { min: 1, max: 500 } as const;

/** A `YYYY-MM-DD` that names a real calendar day, today or within a year; a UserError otherwise. */
export function parsePlanDate(ctx: CommandContext, value: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim());
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const at = new Date(Date.UTC(year, month - 1, day));
  if (!m || at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) {
    throw new UserError('plan.badDate', { value: value.slice(0, 40) });
  }
  const date = at.toISOString().slice(0, 10);
  const days = daysUntil(ctx, date);
  if (days < 0) throw new UserError('plan.pastDate', { date });
  if (days > MAX_DAYS) throw new UserError('plan.farDate', { date });
  return date;
}

/** Category ids from ids or names separated by spaces or commas; a UserError names an unknown one. */
export function parseCategories(ctx: CommandContext, text: string): string[] {
  const { kb } = ctx.services;
  const ids = new Set<string>();
  for (const word of text.split(/[\s,，、]+/).filter(Boolean)) {
    const id = kb.category(word.toLowerCase())?.id ?? kb.choiceNamed('category', word);
    if (!id) {
      throw new UserError('plan.badCategory', {
        value: word.slice(0, 40),
        choices: kb.categories.map((c) => c.id).join(', '),
      });
    }
    ids.add(id);
  }
  return [...ids];
}

/** /plan <date> [category…]: sets (or replaces) the person's plan, keeping a cap they chose before. */
export async function setPlan(ctx: CommandContext, dateText: string, categoriesText: string): Promise<Reply> {
  const date = parsePlanDate(ctx, dateText);
  const categories = parseCategories(ctx, categoriesText);
  const user = await userKey(ctx);
  const { plans } = ctx.services.store;
  const now = ctx.services.now().getTime();
  await plans.put({
    userKey: user,
    date,
    categories,
    cap: (await plans.get(user))?.cap ?? DEFAULT_CAP,
    createdAt: now,
    day: '',
    done: 0,
    introduced: 0,
  });
  return planStatus(ctx, ctx.t('plan.set'));
}

/** /plan cap <n>: changes the daily cap of the person's plan. */
export async function setCap(ctx: CommandContext, text: string): Promise<Reply> {
  const cap = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || cap < CAP_RANGE.min || cap > CAP_RANGE.max) {
    throw new UserError('plan.badCap');
  }
  const user = await userKey(ctx);
  const plan = await ctx.services.store.plans.get(user);
  if (!plan) throw new UserError('plan.noPlanCap');
  await ctx.services.store.plans.put({ ...plan, cap });
  return planStatus(ctx, ctx.t('plan.capSet', { cap }));
}

/** /plan off: removes the person's plan. */
export async function removePlan(ctx: CommandContext): Promise<Reply> {
  const removed = await ctx.services.store.plans.remove(await userKey(ctx));
  return { body: ctx.t(removed ? 'plan.off' : 'plan.offNothing'), private: true };
}
