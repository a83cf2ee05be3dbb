/**
 * Sends the reminders, exactly once, as a send source of the daily scheduler (its tick, its lanes, its
 * pacing): a person whose local reminder time has come today, and who has cards due, gets one private
 * message. The day's record is written as `sending` before the send and its outcome after; one found
 * `sending` at start was interrupted and becomes `unknown`, never sent again. Nothing due: the day is
 * recorded `skipped`, quietly. Refused for good (`gone`: Discord DMs closed, a Telegram user who never
 * started the bot): the reminder is turned off and a one-time notice kept for the person's next command.
 */
import type { Services } from '../../kernel/context.ts';
import type { UserKey } from '../../kernel/identity.ts';
import type { Logger } from '../../kernel/log.ts';
import { type Outbox, personalChat } from '../../kernel/outbox.ts';
import { classifyFailure, type PaceEnv, paced, type SendSource } from '../daily/pacing.ts';
import { localDate, parseClock, zonedInstant } from '../daily/time.ts';
import { learnerOf } from '../link/learner.ts';
import { reminderReply } from './messages.ts';
import type { Reminder, ReminderSend } from './store.ts';

/** Send records are kept this long, then deleted. */
export const KEEP_SENDS_MS = 35 * 86_400_000;

/** How one reminder ended in this process. */
export type ReminderOutcome =
  | { status: 'sent' | 'failed' | 'unknown' | 'skipped' }
  | { status: 'retry'; nextAttemptAt: number };

/** The local day whose reminder is due at `now`, or null (not yet time, or set after today's time). */
export function dueDate(reminder: Reminder, now: number): string | null {
  const minutes = parseClock(reminder.time);
  if (minutes === null) return null;
  const date = localDate(now, reminder.timezone);
  const at = zonedInstant(date, minutes, reminder.timezone);
  return now >= at && at >= reminder.since ? date : null;
}

type Claim = { send: ReminderSend; reminder: Reminder } | null;

/** Records a day with nothing due as quiet (`skipped`) before it takes a slot of the lane; true if so. */
async function quietDay(services: Services, userKey: UserKey, date: string, now: number): Promise<boolean> {
  const { store } = services;
  return await store.transaction(async () => {
    if ((await store.reviews.stats(await learnerOf(services, userKey), now)).due > 0) return false;
    const error = 'nothing due';
    const send = {
      userKey,
      date,
      status: 'skipped',
      due: 0,
      attempts: 0,
      nextAttemptAt: null,
      error,
    } as const;
    await store.reminders.insertSend({ ...send, updatedAt: now });
    return true;
  });
}

/** Records the day's send as `sending` (a retry: its next attempt), or `skipped` when nothing is due. */
async function claim(services: Services, userKey: UserKey, date: string, now: number): Promise<Claim> {
  const { store } = services;
  return await store.transaction(async (): Promise<Claim> => {
    const reminder = await store.reminders.get(userKey);
    if (!reminder?.on || dueDate(reminder, now) !== date) return null;
    const existing = await store.reminders.getSend(userKey, date);
    if (existing) {
      // A retry's time is checked by the tick (or waited for in process by `paced`).
      if (existing.status !== 'retry') return null;
      const attempts = existing.attempts + 1;
      const patch = { status: 'sending' as const, attempts, nextAttemptAt: null, updatedAt: now };
      // Another replica may have claimed this retry first (the transition is conditional on the status).
      if (!(await store.reminders.updateSend(userKey, date, ['retry'], patch))) return null;
      return { send: { ...existing, ...patch }, reminder };
    }
    const due = (await store.reviews.stats(await learnerOf(services, userKey), now)).due;
    const send: ReminderSend = {
      userKey,
      date,
      status: due > 0 ? 'sending' : 'skipped',
      due,
      attempts: due > 0 ? 1 : 0,
      nextAttemptAt: null,
      error: due > 0 ? null : 'nothing due',
      updatedAt: now,
    };
    if (!(await store.reminders.insertSend(send)) || due === 0) return null;
    return { send, reminder };
  });
}

/** Records a failed send: a retry, `unknown` (it may have arrived), or failed; `gone` turns it off. */
async function recordFailure(
  env: PaceEnv,
  o: RunnerEnv,
  claimed: NonNullable<Claim>,
  error: unknown,
): Promise<ReminderOutcome> {
  const { send, reminder } = claimed;
  const { store } = o.services;
  const { failure, text, retryAt } = classifyFailure(env, reminder.platform, send.attempts, error);
  const status = retryAt !== null ? 'retry' : failure === 'ambiguous' ? 'unknown' : 'failed';
  await store.transaction(async () => {
    const patch = { status, nextAttemptAt: retryAt, error: text, updatedAt: env.now() } as const;
    await store.reminders.updateSend(send.userKey, send.date, ['sending'], patch);
    const fresh = await store.reminders.get(send.userKey);
    if (failure === 'gone' && fresh?.on)
      await store.reminders.put({ ...fresh, on: false, notice: 'unreachable' });
  });
  o.log.warn(
    { user: send.userKey, date: send.date, attempts: send.attempts, err: error },
    'remind: send failed',
  );
  if (retryAt !== null) return { status: 'retry', nextAttemptAt: retryAt };
  return { status: failure === 'ambiguous' ? 'unknown' : 'failed' };
}

async function attempt(
  env: PaceEnv,
  o: RunnerEnv,
  key: { userKey: UserKey; date: string },
  outbox: Outbox,
): Promise<ReminderOutcome> {
  const claimed = await claim(o.services, key.userKey, key.date, env.now());
  if (!claimed) return { status: 'skipped' };
  const { send, reminder } = claimed;
  try {
    const reply = reminderReply(reminder, send.due);
    await outbox.send(personalChat(reminder.userId), reply, { locale: reminder.locale });
  } catch (error) {
    return recordFailure(env, o, claimed, error);
  }
  const patch = { status: 'sent' as const, error: null, updatedAt: env.now() };
  await o.services.store.reminders.updateSend(send.userKey, send.date, ['sending'], patch);
  return { status: 'sent' };
}

interface RunnerEnv {
  services: Services;
  log: Logger;
}

/**
 * The reminders' send source: add it to the daily scheduler (`daily.add`). `onOutcome` is told how each
 * reminder ended (metrics, tests); it must not throw.
 */
export function reminderSource(
  services: Services,
  log: Logger,
  onOutcome?: (outcome: ReminderOutcome) => void,
): SendSource {
  const o = { services, log };
  const running = new Set<string>();
  let prunedAt = Number.NEGATIVE_INFINITY;
  return {
    async recover(now) {
      const { reminders } = services.store;
      const unfinished = await reminders.sendsByStatus(['sending']);
      for (const s of unfinished) {
        const error = 'the bot stopped while sending; not sent again';
        await reminders.updateSend(s.userKey, s.date, ['sending'], {
          status: 'unknown',
          error,
          updatedAt: now,
        });
      }
      if (unfinished.length > 0)
        log.warn({ count: unfinished.length }, 'remind: interrupted sends not repeated');
    },
    async tick(env) {
      const now = env.now();
      const { reminders } = services.store;
      if (now - prunedAt >= 86_400_000) {
        prunedAt = now;
        await reminders.pruneSends(now - KEEP_SENDS_MS);
      }
      const runs: Promise<void>[] = [];
      for (const r of await reminders.active()) {
        if (running.has(r.userKey) || !env.outbox(r.platform)) continue;
        const date = dueDate(r, now);
        const existing = date === null ? undefined : await reminders.getSend(r.userKey, date);
        if (
          date === null ||
          (existing && (existing.status !== 'retry' || (existing.nextAttemptAt ?? 0) > now))
        )
          continue;
        if (!existing && (await quietDay(services, r.userKey, date, now))) continue;
        const key = { userKey: r.userKey, date };
        running.add(r.userKey);
        const run = paced(
          env,
          r.platform,
          (outbox) => attempt(env, o, key, outbox),
          (out) => (out.status === 'retry' ? out.nextAttemptAt : null),
        )
          .then((out) => {
            onOutcome?.(typeof out === 'string' ? { status: 'skipped' } : out);
          })
          .catch((error: unknown) => log.error({ err: error, user: r.userKey }, 'remind: send failed'))
          .finally(() => running.delete(r.userKey));
        runs.push(run);
      }
      await Promise.all(runs);
    },
  };
}
