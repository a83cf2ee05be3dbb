/** Shared pieces of the reminder tests: services with a scheduler that sends reminders, and due cards. */

import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import { reminderNotice } from '../../src/features/remind/notice.ts';
import { reminderSource } from '../../src/features/remind/runner.ts';
import { rate } from '../../src/features/review/review.ts';
import type { Services } from '../../src/kernel/context.ts';
import { type Clock, kb, withScheduler } from '../daily/helpers.ts';

/** Services whose daily scheduler also sends reminders, and whose router shows reminder notices. */
export function withReminders(store: Store, clock: Clock): { services: Services; daily: DailyScheduler } {
  const made = withScheduler(store, clock);
  made.daily.add(reminderSource(made.services, made.services.log));
  made.services.notice = reminderNotice(made.services);
  return made;
}

/** Rates `count` entries "again" for a person at `at`, so they are due a few minutes later. */
export async function dueCards(store: Store, userKey: string, count: number, at: string): Promise<void> {
  for (const entry of kb.entries.slice(0, count))
    await rate(store.reviews, userKey, entry.id, 1, new Date(at));
}
