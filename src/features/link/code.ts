/**
 * The one-time codes of `/link`: 10 characters of Crockford's base 32 (digits and capitals without
 * I, L, O and U, so nothing reads as another character), 50 random bits from `crypto.randomBytes`,
 * shown as `ABCDE-FGHJK`. Typed back, case, spaces and dashes do not matter, and O, I, L read as 0, 1, 1.
 */
import { randomBytes } from 'node:crypto';

/** The 32 characters a code is made of. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters in a code: 10 × 5 bits = 50 bits. */
export const CODE_LENGTH = 10;
/** How long a code works after it was made. */
export const CODE_TTL_MS = 10 * 60 * 1000;

/** A new random code (as stored: no dash). `bytes` is injected by tests. */
export function newCode(bytes: (n: number) => Uint8Array = randomBytes): string {
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  return [...bytes(CODE_LENGTH)].map((b) => CODE_ALPHABET[b & 31]).join('');
}

/** A code as shown: `ABCDE-FGHJK`. */
export function showCode(code: string): string {
  return `${code.slice(0, CODE_LENGTH / 2)}-${code.slice(CODE_LENGTH / 2)}`;
}

/** A typed code as stored, or null when it cannot be one (wrong length or characters). */
export function readCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH) return null;
  return [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}
