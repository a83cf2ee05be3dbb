/**
 * The real `npm start` with no token: `src/main.ts` in a child process, chatting over pipes, in a
 * temporary working folder with DLKB_DATA_DIR in a temporary folder and no platform variable set.
 */

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { VARIABLES } from '../../src/config.ts';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { referenceLink } from '../../src/features/knowledge/views.ts';
import { translator } from '../../src/kernel/i18n.ts';
import { CONTROL } from './harness.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src/main.ts');
const TSX_BIN = join(ROOT, 'node_modules/.bin/tsx');
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
// What the terminal shows: the messages as text (their Markdown escapes rendered away).
const zh = translator('zh-CN').plain;
const en = translator('en').plain;
const kb = loadKnowledge();

/** Everything that could make the child run a platform or read the host's settings. */
const CLEARED = [...VARIABLES, 'LANG', 'LC_ALL', 'FORCE_COLOR'];

const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  dataDir: string;
}

/**
 * Runs the bot with these input lines. `shell` pipes them through `printf … | tsx src/main.ts` as the
 * README does; otherwise node runs it with the tsx loader and `keepOpen` leaves stdin open after them.
 */
async function run(
  lines: string[],
  o: { lang?: string; shell?: boolean; keepOpen?: boolean } = {},
): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'dlkb-chat-'));
  folders.push(cwd);
  const dataDir = join(cwd, 'data');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CLEARED) delete env[name];
  env.DLKB_DATA_DIR = dataDir;
  env.LANG = o.lang ?? 'zh_CN.UTF-8';
  const input = lines.map((l) => `${l}\n`).join('');
  const child = o.shell
    ? spawn('sh', ['-c', `printf '%s' "$DLKB_INPUT" | "${TSX_BIN}" "${MAIN}"`], {
        cwd,
        env: { ...env, DLKB_INPUT: input },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(process.execPath, ['--import', TSX_LOADER, MAIN], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  if (!o.shell) {
    if (o.keepOpen) child.stdin?.write(input);
    else child.stdin?.end(input);
  }
  // Generous: four children start at once (concurrent) beside other test files on a 2-core runner.
  const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  child.stdin?.destroy();
  return { code, stdout, stderr, dataDir };
}

/** Asserts that `parts` appear in this order. */
function inOrder(text: string, parts: string[]): void {
  let at = -1;
  for (const part of parts) {
    const next = text.indexOf(part, at + 1);
    expect(next, `"${part}" after position ${at}`).toBeGreaterThan(at);
    at = next;
  }
}

describe.concurrent('npm start with no token: the terminal chat', { timeout: 60_000 }, () => {
  it("printf '/help\\n/search 交叉熵\\n/quiz\\n1\\n' | tsx src/main.ts answers each line in order and exits 0", async () => {
    const r = await run(['/help', '/search 交叉熵', '/quiz', '1'], { shell: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // Nothing but the chat on stdout: no banner, no prompt, no log line, no ANSI style on a pipe.
    expect(r.stdout.startsWith(`${zh('help.title')}\n\n`)).toBe(true);
    expect(r.stdout).not.toContain('dlkb> ');
    expect(r.stdout).not.toContain('"level"');
    expect(r.stdout).not.toContain('\x1b');
    const id = /\/show ([a-z0-9-]+)/.exec(r.stdout.slice(r.stdout.indexOf('随机一题')))?.[1] ?? '';
    const entry = kb.get(id);
    expect(entry, id).toBeDefined();
    if (!entry) return;
    const links = entry.references.map(
      (ref, i) => `  ${i + 1}. ${referenceLink(ref).title}\n     ${ref.url}`,
    );
    inOrder(r.stdout, [
      zh('help.title'),
      '搜索：交叉熵',
      '[1] 1  [2] 2',
      '随机一题 · ',
      `[1] ${zh('common.revealAnswer')}  [2] ${zh('common.nextQuestion')}`,
      // An entry without references (a few have none) has no references section.
      ...(links.length > 0 ? [zh('common.references'), ...links] : []),
      `${zh('common.answer')} · ${id}`,
      `[1] ${zh('common.nextQuestion')}`,
    ]);
    const rating = (['again', 'hard', 'good', 'easy'] as const).map(
      (g, i) => `[${i + 3}] ${zh(`review.grade.${g}`)}`,
    );
    // The answer's buttons: next, the follow-up chain, the ratings, grading by key points and Report.
    const buttons = [
      `[1] ${zh('common.nextQuestion')}`,
      `[2] ${zh('followup.button')}`,
      ...rating,
      `[7] ${zh('points.open')}`,
      `[8] ${zh('report.button')}`,
    ];
    expect(r.stdout.endsWith(`${buttons.join('  ')}\n\n`)).toBe(true);
    // The store is the SQLite database in DLKB_DATA_DIR.
    expect(existsSync(r.dataDir)).toBe(true);
  });

  it('speaks English with LANG=en_US.UTF-8, and answers mistakes with what is accepted', async () => {
    const r = await run(['/help', '/quiz', '1', '/quiz bogus', '/show nope', '/topics nope', '/nope', '9'], {
      lang: 'en_US.UTF-8',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const categories = kb.categories.map((c) => c.id).join(', ');
    const id = /\/show ([a-z0-9-]+)/.exec(r.stdout)?.[1] ?? '';
    const refs = kb.get(id)?.references.length ?? 0;
    inOrder(r.stdout, [
      en('help.title'),
      'Quiz · ',
      `[1] ${en('common.revealAnswer')}  [2] ${en('common.nextQuestion')}`,
      ...(refs > 0 ? [`${en('common.references')}\n  1. `] : []),
      `${en('common.answer')} · ${id}`,
      en('common.badChoice', { option: 'category', value: 'bogus', accepted: categories }),
      en('common.unknownEntry', { id: 'nope' }),
      en('common.badChoice', { option: 'category', value: 'nope', accepted: categories }),
      en('common.unknownCommand', { name: 'nope' }),
      en('common.noSuchButton', { number: '9' }),
    ]);
    // The questions themselves are Chinese; every label around them is English.
    for (const key of ['common.revealAnswer', 'common.references', 'help.intro', 'show.footer'] as const) {
      expect(r.stdout).not.toContain(zh(key));
    }
  });

  it('/exit quits with exit 0 while stdin stays open (as in a terminal)', async () => {
    const r = await run(['/help', '/exit', '/topics'], { keepOpen: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(zh('help.title'));
    expect(r.stdout).not.toContain(zh('topics.footer'));
    expect(r.stderr).toBe('');
  });

  it('control and escape characters typed in never reach stdout; /daily posts print between replies', async () => {
    const r = await run([
      '/search \x1b[31mred\x1b[0m\x07',
      '\x1b]0;pwned\x07交叉熵',
      '/show \x1b[2J',
      '/daily subscribe 09:00 UTC',
      '/daily now',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).toContain('red');
    inOrder(r.stdout, [zh('daily.subscribedTitle'), '── #1 ', '📅 每日一题 · ', '已发出下一题：']);
  });
});
