/**
 * The production build: `tsconfig.build.json` compiles src/ and commands/ to JavaScript that plain node
 * runs from any working folder, reading knowledge/ from the project root and its commands from the
 * compiled folder. The compiler writes to its own folder under node_modules/.cache (ignored, and
 * resolving the dependencies like dist/ does) rather than dist/, so that test runs in the same checkout
 * never delete each other's output; the `build` script is checked to be that same compilation.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProjectRoot, MODULE_EXTENSION, PROJECT_ROOT } from '../../src/kernel/paths.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const scripts = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

let out = '';
let cwd = '';

/** Every file under a folder, as paths relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** Runs the compiled build with plain node (no tsx), in a working folder outside the checkout. */
function node(args: string[], input = '') {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8', DLKB_DATA_DIR: join(cwd, 'data') };
  for (const name of Object.keys(env))
    if (/^(DISCORD_|TELEGRAM_|PORT$|LOG_LEVEL$)/.test(name)) delete env[name];
  delete env.NODE_OPTIONS;
  return spawnSync(process.execPath, args, { cwd, env, input, encoding: 'utf8', timeout: 15_000 });
}

/** `start:prod` with the entry point moved from dist/ to this test's output folder. */
function startProd(): string[] {
  const [command, ...args] = (scripts['start:prod'] ?? '').split(/\s+/);
  expect(command).toBe('node');
  const entry = args.pop() ?? '';
  expect(entry).toBe('dist/src/main.js');
  return [...args, join(out, 'src/main.js')];
}

beforeAll(() => {
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  out = mkdtempSync(join(ROOT, 'node_modules/.cache/dlkb-build-test-'));
  cwd = mkdtempSync(join(tmpdir(), 'dlkb-build-'));
  const tsc = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.build.json', '--outDir', out], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed:\n${tsc.stdout}${tsc.stderr}`);
}, 180_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

describe('findProjectRoot', () => {
  it('finds the nearest folder with a package.json, from a file URL or path', () => {
    expect(PROJECT_ROOT).toBe(ROOT.replace(/\/$/, ''));
    expect(findProjectRoot(new URL('../../dist/src/kernel/paths.js', import.meta.url))).toBe(PROJECT_ROOT);
    mkdirSync(join(cwd, 'pkg/a/b'), { recursive: true });
    writeFileSync(join(cwd, 'pkg/package.json'), '{}');
    expect(findProjectRoot(join(cwd, 'pkg/a/b/file.js'))).toBe(join(cwd, 'pkg'));
    expect(MODULE_EXTENSION).toBe('.ts');
  });

  it('says so when there is none', () => {
    expect(() => findProjectRoot('/no-such-folder/file.js')).toThrow(/no package\.json/);
  });
});

describe('package.json scripts', () => {
  it('builds dist/ from scratch with tsconfig.build.json, and keeps `npm start` on tsx', () => {
    expect(scripts.build).toMatch(/rmSync\('dist'.* && tsc -p tsconfig\.build\.json$/);
    expect(scripts.start).toBe('node --import tsx src/main.ts');
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('dist/');
  });
});

describe('the compiled build', () => {
  it('has a .js file for every source and command, importing .js files only', () => {
    const emitted = files(out);
    const sources = [...files(join(ROOT, 'src')).map((f) => `src/${f}`), ...files(join(ROOT, 'commands'))]
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => (f.startsWith('src/') ? f : `commands/${f}`).replace(/\.ts$/, '.js'));
    expect(sources.length).toBeGreaterThan(40);
    expect(emitted.sort()).toEqual(sources.sort());
    for (const file of emitted) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text, file).not.toMatch(/(?:from |import\()\s*'\.{1,2}\/[^']*\.ts'/);
    }
  });

  it('runs the CLI on plain node: `check` finds the knowledge base from another working folder', () => {
    const check = node([join(out, 'src/cli/main.js'), 'check']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^ok: 1\d\d entries in \d+ categories/);
  });

  it('runs the bot as `start:prod` does: /help piped in lists every compiled command', () => {
    const bot = node(startProd(), '/help\n');
    expect(bot.status, bot.stderr).toBe(0);
    const names = readdirSync(join(out, 'commands')).map((f) => f.replace(/\.js$/, ''));
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) expect(bot.stdout).toContain(`/${name}`);
  });
});
