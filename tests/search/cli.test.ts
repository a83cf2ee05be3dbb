import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const TSX = `${ROOT}node_modules/.bin/tsx`;

function dlkb(args: string[], input?: string) {
  const r = spawnSync(TSX, ['src/cli/main.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('dlkb CLI', () => {
  it('check passes and prints the counts', () => {
    const r = dlkb(['check']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ok: 114 entries in 10 categories, .* \(151 distinct URLs\)/);
  });

  it('check exits 1 listing every error of a broken knowledge dir', () => {
    const dir = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
    execFileSync('sh', [
      '-c',
      `printf 'category: {id: x, name: x, name_en: x}\\nentries:\\n  - id: a\\n    difficulty: nope\\n' > ${dir}/x.yaml`,
    ]);
    const r = dlkb(['check', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/x\.yaml:4 \[a\] entries\.0\.difficulty/);
    expect(r.err).toMatch(/entries\.0\.answer: required field is missing/);
  });

  it('list filters by category', () => {
    const r = dlkb(['list', '--category', 'cpp']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(5);
  });

  it('show prints question, answer and references', () => {
    const r = dlkb(['show', 'nms']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('https://zhuanlan.zhihu.com/p/54709759');
    expect(r.out).toMatch(/IoU/);
  });

  it('search --json prints one array of hits with the documented fields', () => {
    const r = dlkb(['search', '非极大值抑制', '--json', '--limit', '3']);
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

  it('batch mode answers one line per query, in order, with empty results for bad queries', () => {
    const r = dlkb(['search', '--json', '--limit', '1'], `NMS\n\n${'x'.repeat(1200)}\n😀\nGIL\n`);
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

  it('a bad query in single mode is a clear message', () => {
    const r = dlkb(['search', '   ']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the query is empty/);
  });

  it('unknown commands and bad arguments print usage and exit 2', () => {
    expect(dlkb(['nope']).code).toBe(2);
    const bad = dlkb(['search', 'x', '--limit', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/usage:/);
    expect(dlkb(['list', '--category', 'nope']).code).toBe(2);
    expect(dlkb(['show']).code).toBe(2);
  });
});
