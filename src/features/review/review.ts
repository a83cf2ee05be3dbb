/**
 * Spaced-repetition review with FSRS (ts-fsrs): after reading an answer, a person rates how well they
 * knew it (again, hard, good, easy); the rating schedules when the entry comes back in their `/review`.
 * Records are per person, across chats and platforms' chats alike.
 */

import { createEmptyCard, fsrs, type Grade, TypeConvert } from 'ts-fsrs';
import { buttonId } from '../../kernel/button.ts';
import type { CommandContext } from '../../kernel/context.ts';
import type { ChatKey, UserKey } from '../../kernel/identity.ts';
import type { ActionButton } from '../../kernel/reply.ts';
import { learnerKey } from '../link/learner.ts';
import type { ReviewRecord, ReviewStore } from './store.ts';

/** A rating was recorded: who rated, in which chat, when (epoch ms), and which entry with what grade. */
export interface Reviewed {
  user: UserKey;
  chatKey: ChatKey;
  at: number;
  entryId?: string;
  /** The FSRS grade, 1 (again) … 4 (easy). */
  grade?: number;
}

/** The four ratings, as FSRS grades: 1 again, 2 hard, 3 good, 4 easy. */
export const GRADES = [1, 2, 3, 4] as const satisfies readonly Grade[];
const GRADE_KEYS = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' } as const;

/** FSRS schedulers by desired retention (an interview-date plan raises it near the date). */
const spacings = new Map<number, ReturnType<typeof fsrs>>();

/** FSRS: spaces an entry's next review by its rating history, for a desired retention. */
function spacing(retention: number): ReturnType<typeof fsrs> {
  let s = spacings.get(retention);
  if (!s) {
    s = fsrs({ request_retention: retention });
    spacings.set(retention, s);
  }
  return s;
}

/** The grade a button argument names, or undefined for anything else (forged data). */
export function parseGrade(value: string | undefined): Grade | undefined {
  return GRADES.find((g) => String(g) === value);
}

/** The key of a person's records: their learner key (their account's, or the one it was linked to). */
export async function userKey(ctx: Pick<CommandContext, 'platform' | 'user' | 'services'>): Promise<UserKey> {
  return await learnerKey(ctx);
}

/**
 * Records a rating and returns the new record, with the entry's next due time. `retention` is FSRS's
 * desired retention (default 0.9; an interview-date plan asks for more in its last week).
 */
export async function rate(
  store: ReviewStore,
  user: string,
  entryId: string,
  grade: Grade,
  now: Date,
  o: { retention?: number } = {},
): Promise<ReviewRecord> {
  const previous = await store.get(user, entryId);
  const card = previous ? TypeConvert.card(JSON.parse(previous.card)) : createEmptyCard(now);
  const next = spacing(o.retention ?? 0.9).next(card, now, grade).card;
  const record: ReviewRecord = {
    userKey: user,
    entryId,
    card: JSON.stringify(next),
    due: next.due.getTime(),
    reps: (previous?.reps ?? 0) + 1,
    lastRating: grade,
    updatedAt: now.getTime(),
  };
  await store.put(record);
  return record;
}

/**
 * review:rate:<id>:<grade> records a rating; its handler, which shows the next question of the queue,
 * is bound in `commands/review.ts`.
 */
export const reviewRateId = buttonId('review', 'rate');

/** review:next shows the next due question (bound in `commands/review.ts`; a reminder's button). */
export const reviewNextId = buttonId('review', 'next');

/** The row of rating buttons shown under an answer. */
export function ratingButtons(ctx: CommandContext, entryId: string): ActionButton[] {
  return GRADES.map((g) => ({
    label: ctx.t.plain(`review.grade.${GRADE_KEYS[g]}`),
    action: reviewRateId.action(entryId, g),
  }));
}

/** The name of a grade in the person's language. */
export function gradeName(ctx: CommandContext, grade: Grade): string {
  return ctx.t.plain(`review.grade.${GRADE_KEYS[grade]}`);
}

/** "in 3 days", "in 10 minutes": how far a time is from now, in the person's language. */
export function timeUntil(ctx: CommandContext, due: number, now: number): string {
  const minutes = Math.max(1, Math.round((due - now) / 60_000));
  if (minutes < 60) return ctx.t.plain('review.inMinutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 24) return ctx.t.plain('review.inHours', { n: hours });
  return ctx.t.plain('review.inDays', { n: Math.round(hours / 24) });
}
