/**
 * Handling each delivered update once across replicas: claim its id in the shared store before handling
 * it, and forget claims old enough that the platform will not deliver the update again.
 */
import { errorSummary, type Logger } from '../../kernel/log.ts';
import type { UpdateClaims } from './store.ts';

/** How long a claim is kept: Telegram keeps (and resends) an undelivered update for 24 hours. */
export const KEEP_CLAIMS_MS = 24 * 60 * 60 * 1000;

/** How often a process forgets old claims, at most. */
export const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Claims of one platform's updates, pruning the old ones now and then. */
export interface OnceOptions {
  claims: UpdateClaims;
  platform: string;
  log: Logger;
  /** Epoch ms; `Date.now` by default. */
  now?: () => number;
}

/**
 * A function that answers true the first time an update id is seen by any process sharing the store,
 * false after. About once an hour (`PRUNE_EVERY_MS`) it also forgets claims older than
 * `KEEP_CLAIMS_MS`; a failed prune is logged and retried next time, never failing the update.
 * @throws StoreWriteError (or the engine's error) when the claim itself cannot be written
 */
export function firstDelivery(o: OnceOptions): (updateId: string) => Promise<boolean> {
  const now = o.now ?? Date.now;
  let prunedAt = Number.NEGATIVE_INFINITY;
  return async (updateId) => {
    const at = now();
    const first = await o.claims.claim(o.platform, updateId, at);
    if (at - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = at;
      try {
        const pruned = await o.claims.prune(at - KEEP_CLAIMS_MS);
        if (pruned > 0) o.log.debug({ platform: o.platform, pruned }, 'old update claims forgotten');
      } catch (error) {
        prunedAt = Number.NEGATIVE_INFINITY;
        o.log.warn(
          { platform: o.platform, error: errorSummary(error) },
          'old update claims could not be pruned',
        );
      }
    }
    return first;
  };
}
