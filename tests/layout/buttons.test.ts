/**
 * Every action id of a feature or a command is made by a button declared with the kernel's `button()`
 * (or `buttonId()`), never assembled by hand with `encodeAction(`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/kernel/paths.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

/** The files under `dirs` that call `encodeAction(`. */
function handMadeActions(dirs: readonly string[]): string[] {
  return dirs
    .flatMap(filesUnder)
    .filter((file) => readFileSync(join(PROJECT_ROOT, file), 'utf8').includes('encodeAction('));
}

describe('action ids are made by declared buttons', () => {
  it('no feature or command calls encodeAction', () => {
    expect(handMadeActions(['src/features', 'commands'])).toEqual([]);
  });

  it('the check sees a call: the kernel, which makes ids, is found', () => {
    expect(handMadeActions(['src/kernel'])).toContain('src/kernel/button.ts');
  });
});
