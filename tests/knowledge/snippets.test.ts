/**
 * Every Python snippet of the knowledge base runs: those that need only the standard library
 * or NumPy are executed (with the entry's check from snippet-checks/<id>.py appended, when there
 * is one); those that need torch or SciPy are compiled, and counted. Without python3 and NumPy
 * the run is reported as skipped with the reason, never passed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';

const RUNNER = new URL('./snippets.py', import.meta.url).pathname;
const CHECKS = new URL('./snippet-checks/', import.meta.url).pathname;

/** The ```python blocks of an answer, in order. */
function pythonBlocks(answer: string): string[] {
  const blocks: string[] = [];
  const re = /^```python\n([\s\S]*?)^```/gm;
  for (let m = re.exec(answer); m; m = re.exec(answer)) blocks.push(m[1] ?? '');
  return blocks;
}

/** Python interpreters to try: the one on PATH, and Debian's, which .ci/run equips with NumPy and PyTorch. */
const CANDIDATES = ['python3', '/usr/bin/python3'];
const has = (bin: string, modules: string) =>
  ((r) => !r.error && r.status === 0)(spawnSync(bin, ['-c', `import ${modules}`], { encoding: 'utf8' }));
/** The Python that runs the snippets: one with NumPy and PyTorch if there is one, else one with NumPy. */
const PYTHON =
  CANDIDATES.find((bin) => has(bin, 'numpy, torch')) ?? CANDIDATES.find((bin) => has(bin, 'numpy'));
const unavailable = PYTHON ? '' : 'no python3 with NumPy (.ci/run installs python3-numpy)';

const snippets = loadKnowledge().entries.flatMap((entry) =>
  pythonBlocks(entry.answer).map((code, i, all) => {
    const checkFile = `${CHECKS}${entry.id}.py`;
    // A check goes with the entry's last block, which defines what the earlier ones build up.
    const check = i === all.length - 1 && existsSync(checkFile) ? readFileSync(checkFile, 'utf8') : '';
    return { name: all.length > 1 ? `${entry.id} #${i + 1}` : entry.id, code, check };
  }),
);

/** Snippets that cannot run as one script, and why: they are compiled only. */
const NOT_STANDALONE: Record<string, string> = {
  'multi-gpu': 'needs torchrun (several processes with RANK and WORLD_SIZE)',
};

/** One snippet's outcome, as the runner reports it. */
interface Outcome {
  name: string;
  status: 'ran' | 'needs' | 'failed';
  detail: string;
}

/** Runs every snippet in one Python process (heavy modules imported once, a fork per snippet). */
function runAll(): Map<string, Outcome> {
  const jobs = snippets.map((s) => ({ ...s, compileOnly: NOT_STANDALONE[s.name] ?? '' }));
  const r = spawnSync(PYTHON ?? 'python3', [RUNNER], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`the snippet runner failed: ${r.error ?? r.stderr}`);
  const outcomes = JSON.parse(r.stdout.trim().split('\n').pop() ?? '[]') as Outcome[];
  return new Map(outcomes.map((o) => [o.name, o]));
}

describe.skipIf(unavailable !== '')(
  `Python snippets ${unavailable ? `(skipped: ${unavailable})` : ''}`,
  () => {
    let outcomes = new Map<string, Outcome>();
    beforeAll(() => {
      outcomes = runAll();
    }, 150_000);

    it('finds the snippets', () => {
      expect(snippets.length).toBeGreaterThanOrEqual(30);
    });

    it.each(snippets)('$name runs', ({ name }) => {
      const outcome = outcomes.get(name);
      expect(outcome, name).toBeDefined();
      expect(outcome?.status, `${name} failed:\n${outcome?.detail}`).not.toBe('failed');
    });

    it('reports the snippets it could only compile', () => {
      const compiledOnly = [...outcomes.values()].filter((o) => o.status === 'needs');
      console.log(
        `Python snippets: ${outcomes.size - compiledOnly.length} ran, ${compiledOnly.length} compiled only: ` +
          compiledOnly.map((o) => `${o.name} (${o.detail})`).join('; '),
      );
      expect(compiledOnly.length).toBeLessThan(snippets.length);
    });
  },
);
