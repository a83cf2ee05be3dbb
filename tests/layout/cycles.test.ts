/**
 * The import-cycle rule provably bites: the project's own Biome configuration (the one `npm run lint`
 * uses, with `noImportCycles` and `ignoreTypes: false`) is run over a scratch project holding a
 * deliberate two-file cycle, and must fail there, type-only imports included, and pass once it is broken.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIOME = join(ROOT, 'node_modules/.bin/biome');
const scratch: string[] = [];

/** Lints a scratch project made of `files` with the project's Biome configuration. */
function lint(files: Record<string, string>): { code: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dlkb-cycles-'));
  scratch.push(dir);
  const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
  config.vcs = { ...config.vcs, enabled: false }; // the scratch folder is no git checkout
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = spawnSync(BIOME, ['lint', '--colors=off', '.'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

const a = (imports: string) => `${imports}\n/** A. */\nexport interface A {\n  b?: B;\n}\n`;
const b = (imports: string) => `${imports}\n/** B. */\nexport interface B {\n  a?: A;\n}\n`;

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('the lint refuses import cycles', () => {
  it('the project configuration turns noImportCycles on, type imports included', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
    expect(config.linter.rules.suspicious.noImportCycles).toEqual({
      level: 'error',
      options: { ignoreTypes: false },
    });
  });

  it('fails on a deliberate two-file cycle of type-only imports, naming both files', () => {
    const r = lint({
      'src/a.ts': a("import type { B } from './b.ts';"),
      'src/b.ts': b("import type { A } from './a.ts';"),
    });
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/src\/a\.ts:1:\d+ lint\/suspicious\/noImportCycles/);
    expect(r.output).toMatch(/src\/b\.ts:1:\d+ lint\/suspicious\/noImportCycles/);
  });

  it('fails on a cycle of value imports through three files', () => {
    const r = lint({
      'src/x.ts': "import { z } from './z.ts';\n\n/** X. */\nexport const x = (): number => z() + 1;\n",
      'src/y.ts': "import { x } from './x.ts';\n\n/** Y. */\nexport const y = (): number => x() + 1;\n",
      'src/z.ts':
        "import { y } from './y.ts';\n\n/** Z. */\nexport const z = (): number => (Math.random() > 2 ? y() : 0);\n",
    });
    expect(r.code).not.toBe(0);
    expect(r.output.match(/lint\/suspicious\/noImportCycles/g)).toHaveLength(3);
  });

  it('passes the same files once the cycle is broken', () => {
    const r = lint({
      'src/a.ts': a("import type { B } from './b.ts';"),
      'src/b.ts': b('/** Defined here, not imported: no cycle. */\nexport interface A {\n  b?: B;\n}'),
    });
    expect(r.output).not.toMatch(/noImportCycles/);
    expect(r.code).toBe(0);
  });
});
