import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type Bot, startBot } from './spawn.ts';

const _TELEGRAM = '123456789:AAEsecretsecretsecretsecretsecret0123';
const bots: Bot[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.cleanup();
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});
function bot(env: Record<string, string> = {}): Bot {
  const b = startBot(env);
  bots.push(b);
  return b;
}

describe('configuration errors', () => {
  it('exit 78 with one line naming the variable, and never the token', async () => {
    const b = bot({ TELEGRAM_BOT_TOKEN: '42:secret-but-malformed-value' });
    b.child.stdin?.end();
    expect((await b.exited()).code).toBe(78);
    const err = b.stderr();
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^dlkb: configuration error: TELEGRAM_BOT_TOKEN: expected /);
    expect(err).not.toContain('secret-but-malformed-value');
    expect(b.stdout()).toBe('');
  });
});

describe('terminal mode', () => {
  it('chats on stdout only and exits 0 at the end of input', async () => {
    const b = bot();
    b.child.stdin?.end('/help\n/quiz\n1\n');
    expect((await b.exited()).code).toBe(0);
    expect(b.stdout()).toContain('/search');
    expect(b.stdout()).not.toContain('"level"');
    expect(b.stderr()).toBe('');
  });

  it('stops on SIGTERM with stdin still open: exit 0 within the bound', async () => {
    const b = bot();
    b.child.stdin?.write('/help\n');
    while (!b.stdout().includes('/search')) await new Promise((r) => setTimeout(r, 20));
    const sent = performance.now();
    b.child.kill('SIGTERM');
    const { code } = await b.exited();
    expect(code).toBe(0);
    expect(performance.now() - sent).toBeLessThan(10_000);
  });
});

describe('terminal mode, output closed early (`npm start | head`)', () => {
  it('ends the chat with exit 0 instead of crashing', async () => {
    const b = bot();
    b.child.stdin?.write('/help\n');
    while (!b.stdout().includes('/search')) await new Promise((r) => setTimeout(r, 20));
    b.child.stdout?.destroy();
    b.child.stdin?.write('/help\n/topics\n');
    expect((await b.exited()).code).toBe(0);
    expect(b.stderr()).not.toContain('"level":60');
  });
});

describe('crashes', () => {
  const crash = fileURLToPath(new URL('./fixtures/crash.ts', import.meta.url));
  const tsx = pathToFileURL(
    fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url)),
  ).href;

  it.each(['throw', 'reject'])(
    'an uncaught %s is logged (redacted), the database closed, exit 1',
    async (how) => {
      const child = spawn(process.execPath, ['--import', tsx, crash, how], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      const [code] = await once(child, 'exit');
      expect(code).toBe(1);
      expect(out).toBe('database closed\n');
      const fatal = JSON.parse(err.trim().split('\n').at(-1) ?? '{}') as {
        level?: number;
        err?: { message?: string };
      };
      expect(fatal.level).toBe(60);
      expect(fatal.err?.message).toBe('request to /bot[redacted]/getMe failed');
      expect(err).not.toContain('AAEcrash');
    },
  );
});

describe('SIGTERM whatever stderr does', () => {
  const flood = fileURLToPath(new URL('./fixtures/log-flood.ts', import.meta.url));
  const tsx = pathToFileURL(
    fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url)),
  ).href;

  // A reader that stays connected but never reads is not covered: stderr on a pipe is synchronous on
  // Linux, so a full pipe blocks the writer (an open item of the hardening issue).
  it.each([['its reader is gone (a broken pipe)', 'closed']])(
    'exits 0 within the 10 s bound when %s',
    async (_, how) => {
      const child = spawn(process.execPath, ['--import', tsx, flood], { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
        if (how === 'closed') child.stderr.destroy();
        while (!out.includes('ready')) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 200));
        const signalled = performance.now();
        child.kill('SIGTERM');
        const exited = once(child, 'exit');
        const bound = new Promise((r) => setTimeout(() => r(['still running']), 10_000));
        const [code] = (await Promise.race([exited, bound])) as [number | string];
        expect(code).toBe(0);
        expect(performance.now() - signalled).toBeLessThan(10_000);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
    // The 10 s bound runs from the signal; starting tsx and logging 2 MB before it can take long on a
    // busy machine, so the test as a whole gets more.
    60_000,
  );
});
