/** `dlkb search --explain`, run in-process (the subcommand's function, not a spawned CLI). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { search } from '../../src/cli/search.ts';
import { UsageError } from '../../src/cli/usage.ts';
import { CONFIDENCE } from '../../src/features/search/confidence.ts';
import type { Explanation } from '../../src/features/search/explain.ts';

/** Runs `dlkb search <args>` and returns its exit code and what it printed. */
async function dlkbSearch(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  const code = await search.run(args);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('dlkb search --explain', () => {
  it('prints, per hit, the fields and words that matched, the score and the verdict with its two figures', async () => {
    const r = await dlkbSearch(['--explain', '--limit', '3', '非极大值抑制 nms']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^query: 非极大值抑制 nms$/m);
    expect(r.out).toMatch(/^tokens: .*nms \(df \d+, idf \d+\.\d\d\)/m);
    expect(r.out).toMatch(/^corrections: none$/m);
    expect(r.out).toMatch(
      new RegExp(
        `^verdict: confident: top score \\d+\\.\\d\\d \\(confident at ≥ ${CONFIDENCE.score}\\), IDF-weighted share 1\\.000 \\(confident at ≥ ${CONFIDENCE.share}\\)$`,
        'm',
      ),
    );
    expect(r.out).toMatch(/^ 1\. nms {2}score \d+\.\d\d {2}/m);
    expect(r.out).toMatch(/^ {4}aliases ×3 +.*nms/m);
    expect(r.out.match(/^ ?\d\. /gm)).toHaveLength(3);
  });

  it('shows the corrections and why a query of guessed words is not confident', async () => {
    const r = await dlkbSearch(['--explain', 'how do I bake bread']);
    expect(r.out).toMatch(/^corrections: .*bread → /m);
    expect(r.out).toMatch(/^verdict: NOT confident \(nothing matched well\): .*only the share counts$/m);
    expect(r.out).toMatch(/^ {4}not in entry +\S/m);
  });

  it('gives the same as JSON, consistent with the ranking', async () => {
    const r = await dlkbSearch(['--explain', '--json', '--limit', '5', 'Kubernetes 怎么部署服务']);
    const e = JSON.parse(r.out) as Explanation;
    expect(e.confidence.confident).toBe(false);
    expect(e.confidence.score).toBe(e.hits[0]?.score);
    expect(e.confidence.share).toBe(e.hits[0]?.share);
    expect(e.thresholds).toEqual(CONFIDENCE);
    expect(e.tokens.map((t) => t.token)).toContain('kubernetes');
    for (const h of e.hits) {
      const matched = h.fields.flatMap((f) => f.tokens);
      expect(matched.length).toBeGreaterThan(0);
      for (const t of matched) expect(h.missing).not.toContain(t);
    }
    const plain = JSON.parse((await dlkbSearch(['--json', '--limit', '5', 'Kubernetes 怎么部署服务'])).out);
    expect(e.hits.map((h) => h.id)).toEqual(plain.map((h: { id: string }) => h.id));
  });

  it('marks an exact name match, says when nothing was found, and needs a query', async () => {
    const exact = JSON.parse((await dlkbSearch(['--explain', '--json', 'NMS'])).out) as Explanation;
    expect(exact.hits[0]).toMatchObject({ id: 'nms', exact: true });
    const none = await dlkbSearch(['--explain', '今天天气怎么样']);
    expect(none.out).toMatch(/NOT confident[\s\S]*\nno hits$/);
    await expect(search.run(['--explain'])).rejects.toThrow(UsageError);
    const bad = await dlkbSearch(['--explain', '🙂']);
    expect(bad.code).toBe(1);
  });
});
