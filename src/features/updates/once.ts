/**
 * Handling each delivered update once across replicas: claim its id in the shared store before handling
 * it, mark it done once handled, take over a claim whose replica died handling it, and forget claims old
 * enough that no platform will deliver the update again.
 */
import { errorSummary, type Logger } from '../../kernel/log.ts';
import type { ClaimResult, UpdateClaims } from './store.ts';

/** How long a claim is kept: Telegram keeps (and resends) an undelivered update for 24 hours. */
export const KEEP_CLAIMS_MS = 24 * 60 * 60 * 1000;

/** How often a process forgets old claims, at most. */
export const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * How long an update claimed and not done counts as being handled elsewhere; after that its replica is
 * taken for dead and the next delivery takes the claim over. Well above the webhook's 8 s answer window:
 * a replica alive that long has answered Telegram, which then resends nothing.
 */
export const STALE_CLAIM_MS = 30_000;

/**
 * A delivered update's claims for this process, among every process sharing the store (platform, and the
 * platform's id for the update).
 */
export interface FirstDelivery {
  /**
   * `claimed`: handle it, then call `done`; `done`: handled already, drop it; `busy`: being handled
   * elsewhere (claimed under `STALE_CLAIM_MS` ago), have the platform deliver it again later.
   * @throws the store's error when the claim cannot be written
   */
  claim(platform: string, updateId: string): Promise<ClaimResult>;
  /** Records a claimed update as handled (succeeded or failed). Never throws: a failure is logged. */
  done(platform: string, updateId: string): Promise<void>;
}

/** What `firstDelivery` works with. */
export interface FirstDeliveryOptions {
  claims: UpdateClaims;
  log: Logger;
  /** Epoch ms; `Date.now` by default (claims age in real time, like the platform's resending). */
  now?: () => number;
}

/**
 * A FirstDelivery over the store's claims. About once an hour (`PRUNE_EVERY_MS`) a claim also forgets
 * claims older than `KEEP_CLAIMS_MS`; a failed prune is logged and tried again on the next update, never
 * failing the update.
 */
export function firstDelivery(o: FirstDeliveryOptions): FirstDelivery {
  const now = o.now ?? Date.now;
  let prunedAt = Number.NEGATIVE_INFINITY;
  return {
    claim: async (platform, updateId) => {
      const at = now();
      const claimed = await o.claims.claim(platform, updateId, at, at - STALE_CLAIM_MS);
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
      return claimed;
    },
    done: async (platform, updateId) => {
      try {
        await o.claims.done(platform, updateId, now());
      } catch (error) {
        // The update was answered (and Telegram gets its 200), so it is not resent: only a lost answer
        // arriving again after STALE_CLAIM_MS would be handled a second time.
        o.log.warn({ platform, updateId, error: errorSummary(error) }, 'update could not be marked done');
      }
    },
  };
}
