/** Discord errors: how a failed send is classified for the daily question, and what to log. */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { redact } from '../../kernel/log.ts';
import { DeliveryError, neverSent } from '../../kernel/outbox.ts';

/** API error codes that mean the channel cannot be posted to any more (unknown channel, no access…). */
export const GONE_CODES: ReadonlySet<number> = new Set([
  10003, // Unknown Channel
  10004, // Unknown Guild
  50001, // Missing Access
  50007, // Cannot send messages to this user
  50013, // Missing Permissions
]);

/** API error codes of an interaction that can no longer be answered (expired, or answered already). */
export const DEAD_INTERACTION_CODES: ReadonlySet<number> = new Set([
  10062, // Unknown interaction
  40060, // Interaction has already been acknowledged
]);

/** The Discord error code of an error, if it is an API error. */
export function apiCode(error: unknown): number | undefined {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : undefined;
}

/**
 * Classifies a failed send: gone (stop posting there), rate-limited (wait), transient (Discord's explicit
 * error, or a connection that never opened: retry later), ambiguous (a reset or timeout after the request
 * was sent: it may have been posted, so it is never retried).
 */
export function toDeliveryError(error: unknown): DeliveryError {
  const text = redact(error instanceof Error ? error.message : String(error));
  if (error instanceof RateLimitError) {
    const wait = error.retryAfter > 0 ? error.retryAfter : error.timeToReset;
    return new DeliveryError(`discord: rate limited: ${text}`, 'rate-limited', {
      cause: error,
      retryAfterMs: wait,
    });
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : 0;
    if (error.status === 429)
      return new DeliveryError(`discord: rate limited: ${text}`, 'rate-limited', { cause: error });
    if (GONE_CODES.has(code) || error.status === 403 || error.status === 404)
      return new DeliveryError(`discord: ${code} ${text}`, 'gone', { cause: error });
    return new DeliveryError(`discord: ${code} ${text}`, 'transient', { cause: error });
  }
  if (error instanceof HTTPError) {
    return new DeliveryError(`discord: HTTP ${error.status} ${text}`, 'transient', { cause: error });
  }
  const kind = neverSent(error) ? 'transient' : 'ambiguous';
  return new DeliveryError(`discord: ${text}`, kind, { cause: error });
}

/**
 * Log fields for an error. API errors are reduced to their code, status, method and message: their URL
 * holds the interaction token and their request body the whole message.
 */
export function logFields(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) {
    return { code: error.code, status: error.status, method: error.method, error: redact(error.message) };
  }
  if (error instanceof HTTPError) {
    return { status: error.status, method: error.method, error: redact(error.message) };
  }
  if (error instanceof RateLimitError) {
    return { route: error.route, retryAfter: error.retryAfter, error: redact(error.message) };
  }
  return { err: error };
}
