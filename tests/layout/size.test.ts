/** Files stay small enough to read in one sitting: no file of `src/` or `commands/` is over 300 lines. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/kernel/paths.ts';

const MAX_LINES = 300;

/** The `.ts` files under `dirs` longer than `max` lines, as `file: lines`. */
function longFiles(dirs: readonly string[], max: number): string[] {
  return dirs
    .flatMap((dir) =>
      readdirSync(join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(dir, f)),
    )
    .map((file) => ({ file, lines: readFileSync(join(PROJECT_ROOT, file), 'utf8').split('\n').length - 1 }))
    .filter((f) => f.lines > max)
    .map((f) => `${f.file}: ${f.lines}`);
}

describe('file size', () => {
  it(`no file of src/ or commands/ is over ${MAX_LINES} lines`, () => {
    expect(longFiles(['src', 'commands'], MAX_LINES)).toEqual([]);
  });

  it('the check counts lines: a lower limit finds the long files', () => {
    expect(longFiles(['src/kernel'], 20)).not.toEqual([]);
  });
});
