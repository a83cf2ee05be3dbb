/** The terminal's local identity: made once in the data folder, then the same on every run. */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDENTITY_FILE, localIdentity, osUser } from '../../src/adapters/terminal/identity.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'dlkb-identity-'));

describe('the terminal’s local identity', () => {
  it('is made on first use from the OS user name and stored in the data folder', () => {
    const dir = join(folder(), 'data');
    const id = localIdentity(dir);
    expect(id).toBe(osUser());
    expect(readFileSync(join(dir, IDENTITY_FILE), 'utf8')).toBe(`${id}\n`);
    expect(localIdentity(dir)).toBe(id);
  });

  it('is whatever the folder holds, so a copied data folder keeps its learner', () => {
    const dir = folder();
    writeFileSync(join(dir, IDENTITY_FILE), 'ada-laptop\n');
    expect(localIdentity(dir)).toBe('ada-laptop');
  });

  it('replaces a file that holds no id, and works in a folder it cannot write', () => {
    const dir = folder();
    writeFileSync(join(dir, IDENTITY_FILE), 'two words\n');
    expect(localIdentity(dir)).toBe(osUser());
    const locked = folder();
    chmodSync(locked, 0o500);
    expect(localIdentity(locked)).toBe(osUser());
    chmodSync(locked, 0o700);
  });
});
