import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ankiDeck } from '../../src/features/export/anki.ts';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const TSX = `${ROOT}node_modules/.bin/tsx`;

function dlkb(args: string[]) {
  const r = spawnSync(TSX, ['src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('dlkb export anki', () => {
  it('writes one category as an Anki text file on stdout', () => {
    const r = dlkb(['export', 'anki', '--category', 'python']);
    expect(r.code).toBe(0);
    const kb = loadKnowledge();
    expect(r.out).toBe(ankiDeck(kb.filter({ category: 'python' })));
    expect(r.out.split('\n').filter((l) => l && !l.startsWith('#'))).toHaveLength(
      kb.inCategory('python').length,
    );
  });

  it('refuses an unknown category with the list of categories, exit 2', () => {
    const r = dlkb(['export', 'anki', '--category', 'nope']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('unknown category "nope"; one of: ');
    expect(r.err).toContain('python');
  });
});
