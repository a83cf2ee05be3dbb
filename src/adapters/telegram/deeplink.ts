/**
 * Telegram deep-link payloads (`t.me/<bot>?start=<payload>`, at most 64 characters of `A-Za-z0-9_-`).
 * A payload is an entry id (opens its card), `a_` + the base64url of an action id (presses it), or
 * `s_` + a signature + the base64url of an action id: the same, signed by the bot. Anyone can write a
 * link, so an action that changes something (a rating) is pressed only from a signed link: an HMAC with
 * a key derived from the bot token, over the action and the person it was minted for.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeAction } from '../../kernel/action.ts';

/** Longest start payload Telegram accepts. */
export const MAX_START_PAYLOAD = 64;

/** Signature bytes kept (48 bits): every guess costs a person pressing Start, so this is plenty. */
const SIGNATURE_BYTES = 6;
const SIGNATURE_CHARS = Math.ceil((SIGNATURE_BYTES * 4) / 3);

/** What a start payload asks for: an action (with its signature when signed), or an entry's card. */
export type StartPayload = { action: string; signature?: string } | { entryId: string };

/** The key that signs deep links, derived from the bot token (the token itself is never used as is). */
export function deepLinkKey(token: string): Buffer {
  return createHmac('sha256', token).update('dlkb deep-link signing key v1').digest();
}

function sign(key: Buffer, action: string, user: string): string {
  return createHmac('sha256', key)
    .update(`${user}\n${action}`)
    .digest()
    .subarray(0, SIGNATURE_BYTES)
    .toString('base64url');
}

function fits(payload: string): string | null {
  return payload.length <= MAX_START_PAYLOAD ? payload : null;
}

/** The unsigned payload that presses an action; null when the action is too long to fit. */
export function startPayloadForAction(action: string): string | null {
  return fits(`a_${Buffer.from(action, 'utf8').toString('base64url')}`);
}

/**
 * The signed payload that presses an action; null when it is too long to fit. `user` binds it to the
 * person it is for (a link only they follow); without it, anyone who has the link may press it.
 */
export function signedStartPayload(action: string, options: { key: Buffer; user?: string }): string | null {
  const signature = sign(options.key, action, options.user ?? '');
  return fits(`s_${signature}${Buffer.from(action, 'utf8').toString('base64url')}`);
}

/** True when a parsed action was signed by the bot for this person (or for anyone). */
export function isSignedFor(
  parsed: { action: string; signature?: string },
  options: { key: Buffer; user: string },
): boolean {
  const { signature } = parsed;
  if (signature === undefined) return false;
  const given = Buffer.from(signature, 'base64url');
  return [options.user, ''].some((user) => {
    const expected = Buffer.from(sign(options.key, parsed.action, user), 'base64url');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function decodedAction(base64: string): string | null {
  const action = Buffer.from(base64, 'base64url').toString('utf8');
  return decodeAction(action) ? action : null;
}

/** What a start payload asks for (a signature is not checked here: see `isSignedFor`), or null when malformed. */
export function parseStartPayload(payload: string): StartPayload | null {
  if (payload.length === 0 || payload.length > MAX_START_PAYLOAD || !/^[A-Za-z0-9_-]+$/.test(payload))
    return null;
  if (payload.startsWith('a_')) {
    const action = decodedAction(payload.slice(2));
    return action ? { action } : null;
  }
  if (payload.startsWith('s_')) {
    const signature = payload.slice(2, 2 + SIGNATURE_CHARS);
    const action = decodedAction(payload.slice(2 + SIGNATURE_CHARS));
    return action && signature.length === SIGNATURE_CHARS ? { action, signature } : null;
  }
  return /^[a-z0-9-]+$/.test(payload) ? { entryId: payload } : null;
}
