/**
 * The interview-date plan's scheduler. While a plan is active (today is on or before its date, in the
 * bot's time zone), /review shows due cards first, then new focus cards: the remaining new ones spread
 * evenly over the days left (the last day before the interview is kept for review only), and at most
 * the daily cap of ratings. In the last week the desired retention rises from 0.90 to 0.95. After the
 * date the plan no longer changes anything: scheduling is FSRS's normal one.
 */
import type { Services } from '../../kernel/services.ts';
import { DEFAULT_TIMEZONE } from '../daily/scheduler.ts';
import { localDate } from '../daily/time.ts';
import { type ReviewCard, reviewCard } from '../knowledge/cards.ts';
import type { Entry } from '../knowledge/schema.ts';
import type { Plan } from './store.ts';

/** The daily cap of a new plan. */
export const DEFAULT_CAP = 30;
/** FSRS's desired retention outside the last week, and in it. */
export const RETENTION = { normal: 0.9, final: 0.95 } as const;
/** How many days before the date the final retention applies. */
export const FINAL_DAYS = 7;

const DAY = 86_400_000;

/** What the plan scheduler reads: the store, the knowledge base, the time zone. */
export type PlanServices = Pick<Services, 'store' | 'kb' | 'daily'>;

/** The time zone plan days follow: the bot's (`DLKB_TIMEZONE`). */
export function planZone(services: Pick<Services, 'daily'>): string {
  return services.daily?.defaultTimezone ?? DEFAULT_TIMEZONE;
}

/** Whole days from local date `from` to local date `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** The focus entries of a plan: its categories' (every entry when it names none), in file order. */
export function focusEntries(services: PlanServices, plan: Plan): Entry[] {
  const { kb } = services;
  if (plan.categories.length === 0) return [...kb.entries];
  return plan.categories.flatMap((c) => kb.inCategory(c));
}

/** A plan's load today: the countdown, what is left to do, and the coverage of the focus cards. */
export interface PlanToday {
  plan: Plan;
  today: string;
  /** Days from today to the date (0 on the day itself). */
  daysLeft: number;
  /** Ratings so far today, and new cards introduced today. */
  done: number;
  introduced: number;
  /** Cards due now that today's cap still allows. */
  due: number;
  /** New focus cards still to introduce today (within the cap, after the due ones). */
  fresh: number;
  /** True when the cap leaves out some of today's share of new cards (the plan falls behind). */
  tight: boolean;
  /** Focus cards rated at least once, of all focus cards. */
  covered: number;
  total: number;
  /** The focus cards not rated yet, in file order. */
  unseen: Entry[];
}

/** The person's plan and today's load, when a plan is active at `now`; undefined otherwise. */
export async function planToday(
  services: PlanServices,
  user: string,
  now: number,
): Promise<PlanToday | undefined> {
  const plan = await services.store.plans.get(user);
  if (!plan) return undefined;
  const today = localDate(now, planZone(services));
  const daysLeft = daysBetween(today, plan.date);
  if (daysLeft < 0) return undefined;
  const sameDay = plan.day === today;
  const done = sameDay ? plan.done : 0;
  const introduced = sameDay ? plan.introduced : 0;
  const focus = focusEntries(services, plan);
  const seen = new Set((await services.store.reviews.records(user)).map((r) => r.entryId));
  const unseen = focus.filter((e) => !seen.has(e.id));
  // New cards are spread over the days left but the last one before the interview (kept for review).
  const newDays = Math.max(1, daysLeft - 1);
  const perDay = Math.ceil((unseen.length + introduced) / newDays);
  const capLeft = Math.max(0, plan.cap - done);
  const dueNow = (await services.store.reviews.stats(user, now)).due;
  const due = Math.min(dueNow, capLeft);
  const wanted = Math.min(Math.max(0, perDay - introduced), unseen.length);
  const fresh = Math.min(wanted, capLeft - due);
  return {
    plan,
    today,
    daysLeft,
    done,
    introduced,
    due,
    fresh,
    tight: fresh < wanted,
    covered: focus.length - unseen.length,
    total: focus.length,
    unseen,
  };
}

/**
 * What /review shows next under an active plan: a card (due or new), or a rest for today. A due card may
 * be a follow-up (追问) the person rated; new cards are always entries.
 */
export type PlanPick =
  | { kind: 'card'; card: ReviewCard; fresh: boolean; load: PlanToday }
  | { kind: 'rest'; reason: 'cap' | 'done'; load: PlanToday };

/** The next card of an active plan's queue; undefined when no plan is active (normal scheduling). */
export async function planNext(
  services: PlanServices,
  user: string,
  now: number,
): Promise<PlanPick | undefined> {
  const load = await planToday(services, user, now);
  if (!load) return undefined;
  if (load.done >= load.plan.cap) return { kind: 'rest', reason: 'cap', load };
  const due = (await services.store.reviews.due(user, now, 20))
    .map((id) => reviewCard((e) => services.kb.get(e), id))
    .find((c) => c !== undefined);
  if (due) return { kind: 'card', card: due, fresh: false, load };
  const unseen = load.unseen[0];
  if (load.fresh > 0 && unseen)
    return { kind: 'card', card: { kind: 'entry', entry: unseen }, fresh: true, load };
  return { kind: 'rest', reason: 'done', load };
}

/** The desired retention to schedule a rating with: higher in an active plan's last week. */
export async function planRetention(services: PlanServices, user: string, now: number): Promise<number> {
  const plan = await services.store.plans.get(user);
  if (!plan) return RETENTION.normal;
  const daysLeft = daysBetween(localDate(now, planZone(services)), plan.date);
  return daysLeft >= 0 && daysLeft <= FINAL_DAYS ? RETENTION.final : RETENTION.normal;
}

/**
 * Counts a rating in today's load of an active plan (`fresh`: a new entry, never rated before; a
 * follow-up's first rating counts toward the cap but is not one of the plan's new cards).
 */
export async function notePlanRating(
  services: PlanServices,
  user: string,
  now: number,
  o: { fresh: boolean },
): Promise<void> {
  const plan = await services.store.plans.get(user);
  if (!plan) return;
  const today = localDate(now, planZone(services));
  if (daysBetween(today, plan.date) < 0) return;
  const sameDay = plan.day === today;
  await services.store.plans.put({
    ...plan,
    day: today,
    done: (sameDay ? plan.done : 0) + 1,
    introduced: (sameDay ? plan.introduced : 0) + (o.fresh ? 1 : 0),
  });
}
