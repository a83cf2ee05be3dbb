/**
 * Button action ids: `<command>:<verb>:<arg>:<arg>…`, ASCII, at most 64 bytes so they fit Telegram's
 * callback data (Discord allows 100). They carry everything the handler needs, so a button still works
 * after a restart; anything else (too long, odd characters, unknown command) is rejected as forged or stale.
 */

/** Telegram's callback_data limit in bytes, the smaller of the platforms. */
export const MAX_ACTION_BYTES = 64;

const PART_RE = /^[A-Za-z0-9_.+-]+$/;
const NAME_RE = /^[a-z][a-z0-9-]*$/;

/** A decoded action id. */
export interface Action {
  command: string;
  verb: string;
  args: string[];
}

/** Thrown for an action id that cannot be encoded or decoded. */
export class ActionError extends Error {
  override readonly name = 'ActionError';
}

/** The placeholder for an empty argument. */
export const NONE = '_';

/**
 * Encodes an action id.
 * @throws ActionError when a part has characters outside `A-Za-z0-9_.+-` or the id exceeds 64 bytes.
 */
export function encodeAction(
  command: string,
  verb: string,
  ...args: (string | number | undefined)[]
): string {
  const parts = [command, verb, ...args.map((a) => (a === undefined || a === '' ? NONE : String(a)))];
  for (const part of parts) {
    if (!PART_RE.test(part)) throw new ActionError(`action part "${part}" must match ${PART_RE}`);
  }
  const id = parts.join(':');
  if (Buffer.byteLength(id) > MAX_ACTION_BYTES)
    throw new ActionError(`action id "${id}" is over ${MAX_ACTION_BYTES} bytes`);
  return id;
}

/** Decodes an action id, or returns null for anything malformed (forged, truncated, foreign). */
export function decodeAction(data: string): Action | null {
  if (Buffer.byteLength(data) > MAX_ACTION_BYTES) return null;
  const parts = data.split(':');
  const [command, verb, ...args] = parts;
  if (!command || !verb || !NAME_RE.test(command) || !NAME_RE.test(verb)) return null;
  if (!args.every((a) => PART_RE.test(a))) return null;
  return { command, verb, args: args.map((a) => (a === NONE ? '' : a)) };
}
