import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../src/adapters/terminal/files.ts';
import { ankiDeck } from '../../src/features/export/anki.ts';
import { chatOutput, chatRouter } from '../terminal/harness.ts';

describe('/export in the terminal', () => {
  it('writes the Anki file (and the history once something is rated) and prints the paths', async () => {
    const router = await chatRouter();
    const dir = mkdtempSync(join(tmpdir(), 'dlkb-export-'));
    const first = await chatOutput(router, ['/export'], { filesDir: dir, interactive: false });
    expect(readdirSync(dir)).toEqual(['dlkb-anki.txt']);
    expect(readFileSync(join(dir, 'dlkb-anki.txt'), 'utf8')).toBe(ankiDeck(router.services.kb.entries));
    expect(first).toContain(`已保存 dlkb-anki.txt 到 ${join(dir, 'dlkb-anki.txt')}`);

    await router.services.store.reviews.put({
      userKey: `terminal:${userInfo().username}`,
      entryId: 'ce-loss-code',
      card: '{}',
      due: Date.UTC(2026, 11, 3),
      reps: 1,
      lastRating: 3,
      updatedAt: Date.UTC(2026, 11, 1),
    });
    const second = await chatOutput(router, ['/export'], { filesDir: dir, interactive: false, locale: 'en' });
    expect(readdirSync(dir).sort()).toEqual(['dlkb-anki-1.txt', 'dlkb-anki.txt', 'dlkb-reviews.csv']);
    const entry = router.services.kb.get('ce-loss-code');
    expect(entry).toBeDefined();
    if (entry) expect(readFileSync(join(dir, 'dlkb-anki-1.txt'), 'utf8')).toBe(ankiDeck([entry]));
    expect(readFileSync(join(dir, 'dlkb-reviews.csv'), 'utf8')).toContain('ce-loss-code,');
    expect(second).toContain('Your 1 studied cards');
    expect(second).toContain(`Saved dlkb-reviews.csv to ${join(dir, 'dlkb-reviews.csv')}`);
  });

  it('keeps file names inside the folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\x\\.bashrc')).toBe('bashrc');
    expect(safeFileName('a\u0007b?.txt')).toBe('a_b_.txt');
    expect(safeFileName('..')).toBe('dlkb-export');
  });
});
