import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dlkb } from '../support/cli.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const TSX = `${ROOT}node_modules/.bin/tsx`;

describe('the dlkb binary', () => {
  it('starts as a real process and exits 2 with the usage on bad usage', () => {
    const r = spawnSync(TSX, ['src/cli/main.ts', 'search', 'x', '--limit', 'many'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage:/);
    expect(r.stdout).toBe('');
  }, 60_000);
});

describe('dlkb CLI', () => {
  it('check passes and prints the counts', async () => {
    const r = await dlkb(['check']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ok: 114 entries in 10 categories, .* \(151 distinct URLs\)/);
  });

  it('check exits 1 listing every error of a broken knowledge dir', async () => {
    const dir = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
    execFileSync('sh', [
      '-c',
      `printf 'category: {id: x, name: x, name_en: x}\\nentries:\\n  - id: a\\n    difficulty: nope\\n' > ${dir}/x.yaml`,
    ]);
    const r = await dlkb(['check', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/x\.yaml:4 \[a\] entries\.0\.difficulty/);
    expect(r.err).toMatch(/entries\.0\.answer: required field is missing/);
  });

  it('list filters by category', async () => {
    const r = await dlkb(['list', '--category', 'cpp']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(5);
  });

  it('show prints question, answer and references', async () => {
    const r = await dlkb(['show', 'nms']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('https://zhuanlan.zhihu.com/p/54709759');
    expect(r.out).toMatch(/IoU/);
  });

  it('search --json prints one array of hits with the documented fields', async () => {
    const r = await dlkb(['search', '非极大值抑制', '--json', '--limit', '3']);
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.out);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(Object.keys(hits[0]).sort()).toEqual([
      'category',
      'id',
      'question',
      'references',
      'score',
      'title_en',
    ]);
    expect(hits[0].id).toBe('nms');
    expect(hits[0].references).toEqual(['https://zhuanlan.zhihu.com/p/54709759']);
  });

  it('batch mode answers one line per query, in order, with empty results for bad queries', async () => {
    const r = await dlkb(['search', '--json', '--limit', '1'], `NMS\n\n${'x'.repeat(1200)}\n😀\nGIL\n`);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0][0].id).toBe('nms');
    expect(lines[1]).toEqual([]);
    expect(lines[2]).toEqual([]);
    expect(lines[3]).toEqual([]);
    expect(lines[4][0].id).toBe('gil');
  });

  it('a bad query in single mode is a clear message', async () => {
    const r = await dlkb(['search', '   ']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the query is empty/);
  });

  it('unknown commands and bad arguments print usage and exit 2', async () => {
    expect((await dlkb(['nope'])).code).toBe(2);
    const bad = await dlkb(['search', 'x', '--limit', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/usage:/);
    expect((await dlkb(['list', '--category', 'nope'])).code).toBe(2);
    expect((await dlkb(['show'])).code).toBe(2);
  });
});
