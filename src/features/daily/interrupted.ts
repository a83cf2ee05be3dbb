/**
 * At start, the sends a previous process left unfinished (`sending`) become `unknown`: the message may or
 * may not have gone out, so it is never sent again (a duplicate is worse than a miss, and `/daily
 * status` says what happened).
 */
import type { Services } from '../../kernel/context.ts';
import type { Logger } from '../../kernel/log.ts';

/** Marks every unfinished send `unknown`; logs how many there were. */
export async function markInterrupted(store: Services['store'], now: number, log: Logger): Promise<void> {
  const unfinished = await store.daily.deliveriesByStatus(['sending']);
  for (const d of unfinished) {
    await store.daily.updateDelivery(d, ['sending'], {
      status: 'unknown',
      error: 'the bot stopped while sending; not sent again',
      updatedAt: now,
    });
  }
  if (unfinished.length > 0) {
    log.warn({ count: unfinished.length }, 'daily: sends interrupted by the last stop, not repeated');
  }
}
