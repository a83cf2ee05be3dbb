/**
 * Runs the real `src/main.ts` in a child process (through tsx), in a temporary working folder so no
 * developer `.env` or `./data` is picked up, and collects its output and JSON log lines.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VARIABLES } from '../../src/config.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The tsx loader, by absolute URL so it resolves from any working folder. */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** The entry point under test. */
export const MAIN = join(ROOT, 'src/main.ts');

/** A running (or finished) bot process. */
export interface Bot {
  child: ChildProcess;
  /** The working folder (removed by `cleanup`). */
  cwd: string;
  stdout(): string;
  stderr(): string;
  /** Parsed JSON log lines of stderr so far (non-JSON lines skipped). */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the first log line matching, or rejects after `ms`. */
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    ms?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or 128 + signal number when killed by one) and how long it took. */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the process if still running and removes the working folder. */
  cleanup(): Promise<void>;
}

/** Variables removed from the child's environment, so the host's own configuration never leaks in. */
const CONFIG_VARS: readonly string[] = VARIABLES;

/** Starts `src/main.ts` with these variables (on top of a cleaned environment). */
export function startBot(env: Record<string, string> = {}, options: { cwd?: string } = {}): Bot {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'dlkb-ops-'));
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARS) delete base[name];
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { ...base, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    for (const l of listeners) l();
  });
  const exit = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const logs = () =>
    err
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    child,
    cwd,
    stdout: () => out,
    stderr: () => err,
    logs,
    waitForLog(match, ms = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs().find(match);
          if (found) {
            done();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching log line within ${ms} ms; stderr:\n${err}`));
        }, ms);
        const onExit = () => {
          done();
          reject(new Error(`process exited before the log line; stderr:\n${err}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
        if (child.exitCode !== null || child.signalCode !== null) onExit();
      });
    },
    exited: () => exit,
    async cleanup() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exit;
      }
      if (!options.cwd) rmSync(cwd, { recursive: true, force: true });
    },
  };
}
