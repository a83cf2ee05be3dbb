/**
 * What a tick has to do: today's posts whose local time has come and that have no record yet, this
 * week's digests likewise (see `digest-times.ts`), then the
 * reveals and retries whose time has come. Records that can no longer go out (the chat unsubscribed or
 * was disabled, their local day is over) are marked `skipped` here, so they are not looked at again.
 */
import type { Platform } from '../../kernel/context.ts';
import type { Job } from './deliver.ts';
import { dueDigest } from './digest-times.ts';
import { dayOver, dueSlot } from './post-times.ts';
import type { DailyStore, DeliveryKey, Subscription } from './store.ts';

/** The jobs due at `now` for the platforms that can post (`attached`). */
export async function dueJobs(
  store: { daily: DailyStore },
  now: number,
  attached: (platform: Platform) => boolean,
): Promise<Job[]> {
  const subs = new Map<string, Subscription>();
  for (const s of await store.daily.listSubscriptions()) subs.set(s.chatKey, s);
  const jobs: Job[] = [];
  const posted = new Map<string, Set<string>>();
  for (const sub of subs.values()) {
    if (!attached(sub.platform)) continue;
    const slot = dueSlot(sub, now);
    if (!slot) continue;
    let chats = posted.get(slot.date);
    if (!chats) {
      chats = await store.daily.chatsWithDelivery('post', slot.date);
      posted.set(slot.date, chats);
    }
    if (chats.has(sub.chatKey)) continue;
    jobs.push({
      kind: 'post',
      chatKey: sub.chatKey,
      slot: slot.date,
      platform: sub.platform,
      dueAt: slot.at,
    });
  }
  for (const sub of subs.values()) {
    const digest = attached(sub.platform) ? dueDigest(sub, now) : null;
    if (
      !digest ||
      (await store.daily.getDelivery({ chatKey: sub.chatKey, slot: digest.week, kind: 'digest' }))
    )
      continue;
    jobs.push({
      kind: 'digest',
      chatKey: sub.chatKey,
      slot: digest.week,
      platform: sub.platform,
      dueAt: digest.at,
    });
  }
  for (const d of await store.daily.deliveriesByStatus(['due', 'retry'])) {
    const when = d.status === 'due' ? d.dueAt : (d.nextAttemptAt ?? d.dueAt);
    if (when > now) continue;
    const sub = subs.get(d.chatKey);
    const key: DeliveryKey = { chatKey: d.chatKey, slot: d.slot, kind: d.kind };
    const drop = !sub
      ? 'not-subscribed'
      : sub.disabledAt !== null
        ? 'disabled'
        : dayOver(d.dueAt, sub.timezone, now)
          ? 'day-over'
          : null;
    if (drop) {
      await store.daily.updateDelivery(key, ['due', 'retry'], {
        status: 'skipped',
        error: drop,
        updatedAt: now,
      });
      continue;
    }
    // Without an outbox for its platform (yet), it waits.
    if (sub && attached(sub.platform)) jobs.push({ ...key, platform: sub.platform, dueAt: d.dueAt });
  }
  return jobs;
}
