/**
 * The dependency rule of the layout (README, "How the code is laid out"), checked on every import of
 * every file, type-only imports included: the kernel imports no feature, no store, no adapter and no
 * composition root; features import neither adapters nor the composition root; adapters do not reach
 * into the database. (Import cycles are refused by the lint: Biome's `noImportCycles`; cycles.test.ts
 * shows it failing on one.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/kernel/paths.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

/** Every relative import of a file (static, dynamic, `export … from`), as project-relative paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] ?? '');
  return specs.map((s) => relative(PROJECT_ROOT, resolve(PROJECT_ROOT, dirname(file), s)));
}

/** The imports of the files under `from` that land under one of `forbidden`, as `file -> import`. */
function violations(from: string, forbidden: readonly string[]): string[] {
  return filesUnder(from).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.some((f) => target === f || target.startsWith(`${f}/`)))
      .map((target) => `${file} -> ${target}`),
  );
}

describe('the layout keeps its dependency rule', () => {
  it('the kernel imports no feature, store, adapter, app, ops, cli or command', () => {
    const outside = [
      'src/features',
      'src/store',
      'src/adapters',
      'src/app',
      'src/ops',
      'src/cli',
      'commands',
    ];
    expect(violations('src/kernel', outside)).toEqual([]);
  });

  it('features import no adapter, app, ops, cli or command', () => {
    expect(violations('src/features', ['src/adapters', 'src/app', 'src/ops', 'src/cli', 'commands'])).toEqual(
      [],
    );
  });

  it('adapters do not reach into the database or a feature store', () => {
    const stores = [
      'src/store',
      ...filesUnder('src/features').filter((f) => /\/(store|sqlite|memory)\.ts$/.test(f)),
    ];
    expect(violations('src/adapters', stores)).toEqual([]);
  });

  it('the checks see imports: a kernel file that imported a feature would be found', () => {
    // The scanner itself, on a real kernel file and a real edge, so a broken regex cannot pass silently.
    expect(importsOf('src/kernel/router.ts')).toContain('src/kernel/args.ts');
    expect(violations('src/app', ['src/features'])).not.toEqual([]);
  });
});
