/**
 * Delivering one post, reveal or weekly digest, exactly once: the delivery is recorded as `sending` (with the question
 * picked from the rotation, in the same transaction) right before the send, and its outcome right after.
 * A record found `sending` at start is from a process that died mid-send; it becomes `unknown` and is
 * never sent again, so nothing is ever posted twice. Failures: `rate-limited` pauses the platform's lane
 * and retries; `transient` (proven not delivered) retries with exponential backoff; `ambiguous` (it may
 * have arrived) follows the same rule as a send interrupted by a stop: `unknown`, never repeated; `gone`
 * gives up and counts a failed day for the chat (3 in a row disable it). Short waits happen here, longer
 * ones are left to a later tick.
 */
import type { Platform, Services } from '../../kernel/context.ts';
import { chatKey } from '../../kernel/identity.ts';
import type { Logger } from '../../kernel/log.ts';
import type { DeliveryFailure, Outbox } from '../../kernel/outbox.ts';
import { resultLine } from './choice.ts';
import { digestReply } from './digest.ts';
import { revealLinkReply, revealReply } from './messages.ts';
import { chooseNext } from './next.ts';
import { classifyFailure, type PaceEnv, paced } from './pacing.ts';
import { type PostSent, sendPost } from './post.ts';
import { dayOver } from './post-times.ts';
import type { Delivery, DeliveryKey, DeliveryStatus, Subscription } from './store.ts';
import { openThread, sendReveal } from './thread.ts';
import { localDate } from './time.ts';

/** Chat-gone failures on this many local days in a row disable the chat. */
export const GONE_DAYS_TO_DISABLE = 3;

/** One delivery to make. `dueAt` is the slot's instant (for a post not recorded yet). */
export interface Job extends DeliveryKey {
  platform: Platform;
  dueAt: number;
}

/** Why a job did nothing. */
export type SkipReason =
  | 'exists'
  | 'not-subscribed'
  | 'disabled'
  | 'no-entries'
  | 'day-over'
  | 'no-outbox'
  | 'stopped';

/** How a job ended in this process. */
export type Outcome =
  | { status: 'sent'; entryId: string; messageId: string; revealAt: number | null }
  | { status: 'retry'; entryId: string; nextAttemptAt: number; error: string }
  | { status: 'failed'; entryId: string; error: string; failure: DeliveryFailure | 'error' }
  | { status: 'skipped'; reason: SkipReason };

/** What a delivery needs from the scheduler: the pacing, the services and a log. */
export interface DeliveryEnv extends PaceEnv {
  services: Services;
  log: Logger;
}

type Claim = { delivery: Delivery; subscription: Subscription } | { skip: SkipReason };

const OPEN: readonly DeliveryStatus[] = ['due', 'retry'];

async function claim(env: DeliveryEnv, job: Job): Promise<Claim> {
  const { store } = env.services;
  return await store.transaction(async (): Promise<Claim> => {
    const now = env.now();
    const subscription = await store.daily.getSubscription(job.chatKey);
    const existing = await store.daily.getDelivery(job);
    const drop = async (reason: SkipReason): Promise<Claim> => {
      if (existing)
        await store.daily.updateDelivery(job, OPEN, { status: 'skipped', error: reason, updatedAt: now });
      return { skip: reason };
    };
    if (!subscription) return drop('not-subscribed');
    if (subscription.disabledAt !== null) return drop('disabled');
    if (existing) {
      if (!OPEN.includes(existing.status)) return { skip: 'exists' };
      if (dayOver(existing.dueAt, subscription.timezone, now)) return drop('day-over');
      const attempts = existing.attempts + 1;
      const won = await store.daily.updateDelivery(job, [existing.status], {
        status: 'sending',
        attempts,
        nextAttemptAt: null,
        updatedAt: now,
      });
      // Another replica claimed this retry first (the transition is conditional on the status read).
      if (!won) return { skip: 'exists' };
      return { delivery: { ...existing, status: 'sending', attempts }, subscription };
    }
    if (job.kind === 'reveal') return { skip: 'exists' };
    if (dayOver(job.dueAt, subscription.timezone, now)) return { skip: 'day-over' };
    // A digest asks no question: its record carries no entry.
    const pick = job.kind === 'digest' ? { entryId: '' } : await chooseNext(env.services, subscription, now);
    if (!pick) return { skip: 'no-entries' };
    const delivery: Delivery = {
      chatKey: job.chatKey,
      slot: job.slot,
      kind: job.kind,
      entryId: pick.entryId,
      status: 'sending',
      dueAt: job.dueAt,
      attempts: 1,
      nextAttemptAt: null,
      messageId: null,
      replyTo: null,
      error: null,
      updatedAt: now,
    };
    if (!(await store.daily.insertDelivery(delivery))) return { skip: 'exists' };
    if ('rotation' in pick && pick.rotation) await store.daily.putRotation(job.chatKey, pick.rotation);
    return { delivery, subscription };
  });
}

async function recordSent(
  env: DeliveryEnv,
  d: Delivery,
  sub: Subscription,
  sent: PostSent,
): Promise<Outcome> {
  const { messageId, questionId } = sent;
  const { store } = env.services;
  const now = env.now();
  let revealAt: number | null = null;
  await store.transaction(async () => {
    if (
      !(await store.daily.updateDelivery(d, ['sending'], {
        status: 'sent',
        messageId,
        error: null,
        updatedAt: now,
        ...(questionId ? { questionId } : {}),
        ...(sent.roleSkip ? { roleSkip: sent.roleSkip } : {}),
      }))
    ) {
      // The record moved meanwhile (a Telegram group became a supergroup during the send).
      env.log.warn({ chat: d.chatKey, slot: d.slot, kind: d.kind }, 'daily: sent, but its record has moved');
      return;
    }
    if (d.kind === 'post' && sub.revealAfterHours > 0) {
      revealAt = now + sub.revealAfterHours * 3_600_000;
      await store.daily.insertDelivery({
        ...d,
        kind: 'reveal',
        status: 'due',
        dueAt: revealAt,
        attempts: 0,
        nextAttemptAt: null,
        messageId: null,
        replyTo: messageId,
        error: null,
        updatedAt: now,
        questionId,
      });
    }
    // Only the count: a `/daily` change another replica makes meanwhile is kept.
    await store.daily.resetGone(d.chatKey);
  });
  return { status: 'sent', entryId: d.entryId, messageId, revealAt };
}

async function recordFailure(
  env: DeliveryEnv,
  d: Delivery,
  sub: Subscription,
  error: unknown,
): Promise<Outcome> {
  const { store } = env.services;
  const now = env.now();
  const { failure, text, retryAt } = classifyFailure(env, sub.platform, d.attempts, error);
  await store.transaction(async () => {
    await store.daily.updateDelivery(d, ['sending'], {
      status: retryAt !== null ? 'retry' : failure === 'ambiguous' ? 'unknown' : 'failed',
      nextAttemptAt: retryAt,
      error: text,
      updatedAt: now,
    });
    if (failure !== 'gone') return;
    const today = localDate(now, sub.timezone);
    const gone = await store.daily.markGone(d.chatKey, today, { after: GONE_DAYS_TO_DISABLE, at: now });
    if (gone && gone.disabledAt !== null)
      env.log.warn({ chat: d.chatKey, goneDays: gone.goneDays }, 'daily: chat disabled, it is gone');
  });
  const log = failure === 'error' ? env.log.error.bind(env.log) : env.log.warn.bind(env.log);
  log(
    { chat: d.chatKey, slot: d.slot, kind: d.kind, attempts: d.attempts, err: error },
    'daily: send failed',
  );
  return retryAt === null
    ? { status: 'failed', entryId: d.entryId, error: text, failure }
    : { status: 'retry', entryId: d.entryId, nextAttemptAt: retryAt, error: text };
}

async function attempt(env: DeliveryEnv, job: Job, outbox: Outbox): Promise<Outcome> {
  const claimed = await claim(env, job);
  if ('skip' in claimed) return { status: 'skipped', reason: claimed.skip };
  const { delivery: d, subscription: sub } = claimed;
  const entry = env.services.kb.get(d.entryId);
  try {
    if (d.kind === 'digest') {
      const reply = await digestReply(env.services, sub, d.dueAt);
      const messageId = await outbox.send(sub.chatId, reply, { locale: sub.locale });
      return recordSent(env, d, sub, { messageId, questionId: null });
    }
    if (!entry) throw new Error(`entry ${d.entryId} is no longer in the knowledge base`);
    const now = env.now();
    const threads = { store: env.services.store.daily, log: env.log, now: env.now };
    if (d.kind === 'reveal') {
      // The question closes at its reveal at the latest (a reveal sent early: `/daily` settings changed).
      if (d.questionId)
        await env.services.store.closings.close(chatKey(sub.platform, sub.chatId), d.questionId, now);
      const result = await resultLine(env.services, sub, entry, { id: d.questionId, slot: d.slot });
      const reply = revealReply(env.services, sub, entry, result);
      const link = (url: string) => revealLinkReply(env.services, sub, url);
      const messageId = await sendReveal(threads, outbox, { delivery: d, reply, link }, sub);
      return recordSent(env, d, sub, { messageId, questionId: null });
    }
    const markFirst = (messageId: string) =>
      env.services.store.daily.updateDelivery(d, ['sending'], { messageId, updatedAt: env.now() });
    const revealAt = sub.revealAfterHours > 0 ? now + sub.revealAfterHours * 3_600_000 : null;
    const sent = await sendPost(
      { services: env.services, outbox, markFirst },
      { delivery: d, subscription: sub, entry },
      { now, revealAt },
    );
    const outcome = await recordSent(env, d, sub, sent);
    const post = { delivery: d, messageId: sent.messageId, question: entry.question };
    await openThread(threads, outbox, post, sub);
    return outcome;
  } catch (error) {
    return recordFailure(env, d, sub, error);
  }
}

/**
 * Runs one job to its end in this process: sent, failed, skipped, or a retry left for a later tick.
 * Never throws for a send failure; a store failure (disk gone) propagates.
 */
export async function deliver(env: DeliveryEnv, job: Job): Promise<Outcome> {
  const outcome = await paced(
    env,
    job.platform,
    (outbox) => attempt(env, job, outbox),
    (o) => (o.status === 'retry' ? o.nextAttemptAt : null),
  );
  return typeof outcome === 'string' ? { status: 'skipped', reason: outcome } : outcome;
}
