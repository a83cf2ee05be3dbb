/** The one-time codes of /link: random, typable, read back forgivingly, and nothing else accepted. */
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, newCode, readCode, showCode } from '../../src/features/link/code.ts';

describe('link codes', () => {
  it('carry at least 40 random bits in an alphabet without look-alike letters', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    expect(Math.log2(CODE_ALPHABET.length) * CODE_LENGTH).toBeGreaterThanOrEqual(40);
    const codes = new Set(Array.from({ length: 2000 }, () => newCode()));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it('use every character of the alphabet, each byte’s low five bits', () => {
    const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i * 32 + i);
    expect(newCode(bytes)).toBe('0123456789');
    const high = (n: number) => Uint8Array.from({ length: n }, (_, i) => 0xe0 + 22 + i);
    expect(newCode(high)).toBe(CODE_ALPHABET.slice(22));
  });

  it('are shown with a dash and read back whatever the case, spaces, dashes and O/I/L', () => {
    expect(showCode('ABCDE12345')).toBe('ABCDE-12345');
    expect(readCode('ABCDE-12345')).toBe('ABCDE12345');
    expect(readCode(' abcde 12345 ')).toBe('ABCDE12345');
    expect(readCode('oIlDE-12345')).toBe('011DE12345');
  });

  it('refuse anything of the wrong length or with other characters', () => {
    expect(readCode('ABCDE-1234')).toBeNull();
    expect(readCode('ABCDE-123456')).toBeNull();
    expect(readCode('ABCDE-1234U')).toBeNull();
    expect(readCode('ABCDE-1234!')).toBeNull();
    expect(readCode('')).toBeNull();
  });
});
