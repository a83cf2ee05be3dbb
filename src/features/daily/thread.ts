/**
 * A discussion thread per daily post (Discord): started on the post right after the post is recorded as
 * sent, never before, so a failed thread call cannot send the post again. The reveal then goes into the
 * thread, with a short link to it in the channel. Without the permission the post stays as it is and the
 * delivery keeps why the thread was skipped, for `/daily status`.
 */
import type { Logger } from '../../kernel/log.ts';
import { DeliveryError, type Outbox } from '../../kernel/outbox.ts';
import type { Reply } from '../../kernel/reply.ts';
import type { DailyStore, Delivery, Subscription, ThreadSkip } from './store.ts';
import { threadSettings } from './store.ts';

/** Discord's longest thread name. */
export const THREAD_NAME_MAX = 100;

/**
 * A thread name from a question: one line, at most `max` UTF-16 units (so at most that many characters),
 * cut at a word boundary when one is near, ending with "…" when cut, never splitting a surrogate pair.
 */
export function threadName(question: string, max = THREAD_NAME_MAX): string {
  const line = question.replace(/\s+/g, ' ').trim() || '…';
  if (line.length <= max) return line;
  let cut = line.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,.;:，。；：、-]+$/u, '')}…`;
}

/** Why a failed thread call skipped the thread: a refusal (403, missing permission) or anything else. */
export function skipOf(error: unknown): ThreadSkip {
  return error instanceof DeliveryError && error.kind === 'gone' ? 'no-permission' : 'failed';
}

/** What starting a thread needs. */
export interface ThreadEnv {
  store: DailyStore;
  log: Logger;
  now(): number;
}

/**
 * Starts the post's thread when the subscription wants one and the platform has them, and records the
 * thread (or why it was skipped) on the post's delivery. Never throws: the post is already out.
 */
export async function openThread(
  env: ThreadEnv,
  outbox: Outbox,
  post: { delivery: Delivery; messageId: string; question: string },
  sub: Subscription,
): Promise<void> {
  const settings = threadSettings(sub);
  if (!outbox.startThread || settings.thread === 'off') return;
  const key = post.delivery;
  try {
    const thread = await outbox.startThread(sub.chatId, post.messageId, {
      name: threadName(post.question),
      autoArchiveMinutes: settings.archiveMinutes,
    });
    await env.store.updateDelivery(key, ['sent'], {
      threadId: thread.id,
      threadUrl: thread.url,
      threadSkip: null,
    });
  } catch (error) {
    const skip = skipOf(error);
    env.log.warn({ chat: key.chatKey, slot: key.slot, skip, err: error }, 'daily: thread skipped');
    await env.store.updateDelivery(key, ['sent'], { threadSkip: skip, updatedAt: env.now() });
  }
}

/** Where a reveal goes: into its post's thread when there is one, else as a reply in the channel. */
export async function revealTarget(
  store: DailyStore,
  reveal: Delivery,
  sub: Subscription,
): Promise<{ chatId: string; replyTo?: string; threadUrl?: string }> {
  const post = await store.getDelivery({ chatKey: reveal.chatKey, slot: reveal.slot, kind: 'post' });
  if (post?.threadId && post.threadUrl) return { chatId: post.threadId, threadUrl: post.threadUrl };
  return { chatId: sub.chatId, ...(reveal.replyTo ? { replyTo: reveal.replyTo } : {}) };
}

/**
 * Sends a reveal: into the post's thread when it has one (a thread gone since falls back to a reply in
 * the channel: Discord refused it, so nothing was posted), then a short link to it in the channel, sent
 * at most once (a failure is logged, never retried). Resolves to the reveal's message id.
 * @throws DeliveryError as `Outbox.send`
 */
export async function sendReveal(
  env: ThreadEnv,
  outbox: Outbox,
  reveal: { delivery: Delivery; reply: Reply; link: (url: string) => Reply },
  sub: Subscription,
): Promise<string> {
  const target = await revealTarget(env.store, reveal.delivery, sub);
  const locale = sub.locale;
  if (!target.threadUrl) return outbox.send(target.chatId, reveal.reply, { ...target, locale });
  let id: string;
  try {
    id = await outbox.send(target.chatId, reveal.reply, { locale });
  } catch (error) {
    if (!(error instanceof DeliveryError && error.kind === 'gone')) throw error;
    const replyTo = reveal.delivery.replyTo ?? undefined;
    return outbox.send(sub.chatId, reveal.reply, { locale, ...(replyTo ? { replyTo } : {}) });
  }
  try {
    const replyTo = reveal.delivery.replyTo ?? undefined;
    await outbox.send(sub.chatId, reveal.link(`${target.threadUrl}/${id}`), {
      locale,
      ...(replyTo ? { replyTo } : {}),
    });
  } catch (error) {
    env.log.warn({ chat: sub.chatKey, err: error }, 'daily: link to the revealed answer not sent');
  }
  return id;
}
