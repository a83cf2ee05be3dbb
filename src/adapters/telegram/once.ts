/**
 * Webhook mode runs on several replicas behind one URL: Telegram resends an update it counts as failed,
 * and a load balancer may hand one update to two replicas. This middleware claims each update's id in
 * the shared store (`services.firstDelivery`, feature `updates`) before the update reaches the handlers,
 * and marks it done after them. A repeat of a done update is dropped (its request answered 200, so
 * Telegram stops resending); a repeat of one claimed moments ago and not done is being handled elsewhere,
 * and `StillBeingHandled` has the webhook answer 503 so Telegram resends it later: by then it is done, or
 * its replica died and the claim is stale, and this or another replica takes it over.
 */
import type { Middleware } from 'grammy';
import type { Logger } from '../../kernel/log.ts';
import type { Services } from '../../kernel/services.ts';

/**
 * Thrown by `onlyFirstDelivery` for an update claimed elsewhere and not done yet: the webhook answers
 * 503 (Telegram resends it later) instead of handling it, and it is not a failure.
 */
export class StillBeingHandled extends Error {
  constructor(readonly updateId: number) {
    super(`telegram update ${updateId} is being handled elsewhere (claimed lately, not done)`);
    this.name = 'StillBeingHandled';
  }
}

/**
 * Lets an update through only when this replica's claim is granted, and marks it done once the handlers
 * finished, whether they succeeded or failed (the failure then reaches the bot's error handler, which
 * apologises). The id claimed is the bot's id and the update's (update ids are per bot). Installed before
 * `sequentialize`, so the verdict takes one statement, never a wait behind the chat's other updates
 * (which could outlast the webhook's answer window). A claim that cannot be written fails the update
 * (the bot's error handler) rather than risking a second answer.
 * @throws StillBeingHandled for an update claimed elsewhere lately and not done
 */
export function onlyFirstDelivery(delivery: Services['firstDelivery'], log: Logger): Middleware {
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    const id = `${ctx.me.id}:${updateId}`;
    const claimed = await delivery.claim('telegram', id);
    if (claimed === 'busy') throw new StillBeingHandled(updateId);
    if (claimed === 'done') {
      log.info({ updateId }, 'telegram update delivered again: handled once already, dropped');
      return;
    }
    try {
      await next();
    } finally {
      await delivery.done('telegram', id);
    }
  };
}
