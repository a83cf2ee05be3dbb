/**
 * Telegram deep-link payloads (`t.me/<bot>?start=<payload>`, at most 64 characters of `A-Za-z0-9_-`).
 * A payload is either an entry id (opens its card) or `a_` + the base64url of an action id (presses it).
 */
import { decodeAction } from './action.ts';

/** Longest start payload Telegram accepts. */
export const MAX_START_PAYLOAD = 64;

/** The payload that presses an action; null when the action is too long to fit. */
export function startPayloadForAction(action: string): string | null {
  const payload = `a_${Buffer.from(action, 'utf8').toString('base64url')}`;
  return payload.length <= MAX_START_PAYLOAD ? payload : null;
}

/** What a start payload asks for, or null when it is malformed or forged. */
export function parseStartPayload(payload: string): { action: string } | { entryId: string } | null {
  if (payload.length === 0 || payload.length > MAX_START_PAYLOAD || !/^[A-Za-z0-9_-]+$/.test(payload))
    return null;
  if (payload.startsWith('a_')) {
    const action = Buffer.from(payload.slice(2), 'base64url').toString('utf8');
    return decodeAction(action) ? { action } : null;
  }
  return /^[a-z0-9-]+$/.test(payload) ? { entryId: payload } : null;
}
