/**
 * Telegram API failures: how to classify them (gone, rate-limited, transient), how to recognise a group
 * that became a supergroup, and how to log them without the bot token (grammY's network errors carry
 * request URLs, and the URL holds the token).
 */
import { GrammyError, HttpError } from 'grammy';
import { redact } from '../../kernel/log.ts';
import { DeliveryError, type DeliveryFailure, neverSent } from '../../kernel/outbox.ts';

const GONE_RE = /chat not found|peer_id_invalid|bot was kicked|bot is not a member|user is deactivated/i;

/** Network error codes raised before a connection exists: the request cannot have reached Telegram. */
/** A send of several parts that failed after the first part(s) went out. */
export class PartialSendError extends Error {
  override readonly name = 'PartialSendError';
  constructor(
    /** How many parts were sent before the failure. */
    readonly sentParts: number,
    options: { cause: unknown },
  ) {
    super(`failed after ${sentParts} part(s) were sent`, options);
  }
}

/**
 * How a failed call failed: 403 and "chat not found" are `gone`, 429 `rate-limited`; Telegram's other
 * explicit errors and connections that never opened are `transient`; anything else (a reset or timeout
 * after the request was sent, a message cut after its first part) is `ambiguous`.
 */
export function classify(error: unknown): DeliveryFailure {
  if (error instanceof PartialSendError) return classify(error.cause) === 'gone' ? 'gone' : 'ambiguous';
  if (error instanceof GrammyError) {
    if (error.error_code === 403) return 'gone';
    if (error.error_code === 400 && GONE_RE.test(error.description)) return 'gone';
    if (error.error_code === 429) return 'rate-limited';
    return 'transient';
  }
  if (error instanceof HttpError && neverSent(error.error)) return 'transient';
  return 'ambiguous';
}

/** True when the chat can no longer be written to (bot blocked, kicked, chat deleted). */
export function isGone(error: unknown): boolean {
  return classify(error) === 'gone';
}

/** The new chat id when a call failed because the group became a supergroup. */
export function migrationTarget(error: unknown): number | undefined {
  if (!(error instanceof GrammyError)) return undefined;
  const id = error.parameters.migrate_to_chat_id;
  return typeof id === 'number' ? id : undefined;
}

/** True when an edit changed nothing (Telegram answers 400 "message is not modified"). */
export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && /message is not modified/i.test(error.description);
}

/** A failed send as a DeliveryError, with the wait Telegram asked for on a 429. */
export function toDeliveryError(error: unknown): DeliveryError {
  const kind = classify(error);
  const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
  return new DeliveryError(redact(describe(error)), kind, {
    cause: error,
    retryAfterMs: typeof retryAfter === 'number' ? retryAfter * 1000 : undefined,
  });
}

function describe(error: unknown): string {
  if (error instanceof GrammyError)
    return `telegram ${error.method}: ${error.error_code} ${error.description}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * A loggable summary of an error with every registered secret removed (whatever the logger does):
 * name, message, Telegram's code and description, the method, the cause's message and the stack.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redact(String(error)) };
  const out: Record<string, unknown> = { type: error.name, message: redact(error.message) };
  if (error instanceof GrammyError) {
    out.method = error.method;
    out.error_code = error.error_code;
    out.description = redact(error.description);
    if (Object.keys(error.parameters).length > 0) out.parameters = error.parameters;
  }
  if (error instanceof PartialSendError) out.cause = safeError(error.cause);
  else if (error instanceof HttpError && error.error instanceof Error)
    out.cause = redact(error.error.message);
  else if (error.cause instanceof Error) out.cause = redact(error.cause.message);
  if (error.stack) out.stack = redact(error.stack);
  return out;
}
