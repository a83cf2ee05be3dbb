/**
 * Handling each delivered update once across replicas: claim its id in the shared store before handling
 * it, and forget claims old enough that no platform will deliver the update again.
 */
import { errorSummary, type Logger } from '../../kernel/log.ts';
import type { UpdateClaims } from './store.ts';

/** How long a claim is kept: Telegram keeps (and resends) an undelivered update for 24 hours. */
export const KEEP_CLAIMS_MS = 24 * 60 * 60 * 1000;

/** How often a process forgets old claims, at most. */
export const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Answers true the first time any process sharing the store asks about an update (a platform's id for
 * it), false every later time. @throws the store's error when the claim cannot be written
 */
export type FirstDelivery = (platform: string, updateId: string) => Promise<boolean>;

/** What `firstDelivery` works with. */
export interface FirstDeliveryOptions {
  claims: UpdateClaims;
  log: Logger;
  /** Epoch ms; `Date.now` by default (claims age in real time, like the platform's resending). */
  now?: () => number;
}

/**
 * A FirstDelivery over the store's claims. About once an hour (`PRUNE_EVERY_MS`) it also forgets claims
 * older than `KEEP_CLAIMS_MS`; a failed prune is logged and tried again on the next update, never
 * failing the update.
 */
export function firstDelivery(o: FirstDeliveryOptions): FirstDelivery {
  const now = o.now ?? Date.now;
  let prunedAt = Number.NEGATIVE_INFINITY;
  return async (platform, updateId) => {
    const at = now();
    const first = await o.claims.claim(platform, updateId, at);
    if (at - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = at;
      try {
        const pruned = await o.claims.prune(at - KEEP_CLAIMS_MS);
        if (pruned > 0) o.log.debug({ pruned }, 'old update claims forgotten');
      } catch (error) {
        prunedAt = Number.NEGATIVE_INFINITY;
        o.log.warn({ error: errorSummary(error) }, 'old update claims could not be pruned');
      }
    }
    return first;
  };
}
