import { describe, expect, it } from 'vitest';
import { ankiDeck } from '../../src/features/export/anki.ts';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { dlkb } from '../support/cli.ts';

describe('dlkb export anki', () => {
  it('writes one category as an Anki text file on stdout', async () => {
    const r = await dlkb(['export', 'anki', '--category', 'python']);
    expect(r.code).toBe(0);
    const kb = loadKnowledge();
    expect(r.out).toBe(ankiDeck(kb.filter({ category: 'python' })));
    expect(r.out.split('\n').filter((l) => l && !l.startsWith('#'))).toHaveLength(
      kb.inCategory('python').length,
    );
  });

  it('refuses an unknown category with the list of categories, exit 2', async () => {
    const r = await dlkb(['export', 'anki', '--category', 'nope']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('unknown category "nope"; one of: ');
    expect(r.err).toContain('python');
  });
});
