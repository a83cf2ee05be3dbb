/**
 * Webhook mode runs on several replicas behind one URL: Telegram resends an update it counts as failed,
 * and a load balancer may hand one update to two replicas. This middleware claims each update's id in
 * the shared store (`services.firstDelivery`, feature `updates`) before the update reaches the handlers;
 * a repeat is dropped, so its request is still answered 200 and Telegram stops resending it, but
 * nothing is answered twice.
 */
import type { Middleware } from 'grammy';
import type { Logger } from '../../kernel/log.ts';
import type { Services } from '../../kernel/services.ts';

/**
 * Lets an update through only the first time any replica sees it. The id claimed is the bot's id and
 * the update's (update ids are per bot). Installed after `sequentialize`, so one chat's updates still
 * reach it, and the handlers, in the order they came. A claim that cannot be written fails the update
 * (the bot's error handler) rather than risking a second answer.
 */
export function onlyFirstDelivery(first: Services['firstDelivery'], log: Logger): Middleware {
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    if (await first('telegram', `${ctx.me.id}:${updateId}`)) return next();
    log.info({ updateId }, 'telegram update delivered again: handled once already, dropped');
  };
}
