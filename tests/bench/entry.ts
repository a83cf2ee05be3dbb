/**
 * For the platform benchmarks: runs the real entry point as its own process, the way `npm start` runs it
 * (tsx) or the way Docker and systemd run it (the compiled build, `npm run start:prod`), and reads its
 * RSS from the outside. `--main` picks the first, `--compiled` the second; without either flag a
 * benchmark keeps its default, a child that loads only the adapter and the router.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How the bot process runs: the benchmark's own child (under tsx), or the real entry point either way. */
export type BotMode = 'child' | 'tsx' | 'compiled';

/** The mode the command line asks for: `--compiled`, `--main` (tsx), else the default child. */
export function botMode(argv: readonly string[] = process.argv): BotMode {
  if (argv.includes('--compiled')) return 'compiled';
  if (argv.includes('--main')) return 'tsx';
  return 'child';
}

/**
 * Node's arguments for the entry point. `compiled` takes them from the `start:prod` script of
 * package.json (what the Dockerfile and the systemd unit run), so the benchmark measures that command.
 * @throws Error when the build is missing (run `npm run build`) or `start:prod` is not a `node` command.
 */
export function entryArgs(mode: 'tsx' | 'compiled'): { args: string[]; shown: string } {
  if (mode === 'tsx') {
    const loader = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    return { args: ['--import', loader, join(ROOT, 'src/main.ts')], shown: 'tsx src/main.ts (npm start)' };
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = pkg.scripts?.['start:prod'] ?? '';
  const [command, ...args] = script.split(/\s+/).filter(Boolean);
  const entry = args.at(-1);
  if (command !== 'node' || entry === undefined)
    throw new Error(`package.json "start:prod" is not a node command: ${JSON.stringify(script)}`);
  if (!existsSync(join(ROOT, entry))) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return { args: [...args.slice(0, -1), join(ROOT, entry)], shown: `${script} (npm run start:prod)` };
}

/** Resident set size of a process in bytes, from /proc (Linux) or `ps`. */
export function rssOf(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(status, 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
}

/** The entry point running as a bot against a fake platform. */
export interface EntryBot {
  /** The command line, for the report. */
  shown: string;
  /** Resolves once it logged `dlkb started`; rejects when it exits first. */
  ready: Promise<void>;
  /** Its RSS now, in bytes. */
  rss(): number;
  /** SIGTERM, wait for the exit, remove its working folder. */
  stop(): Promise<void>;
}

/** Variables of the host that would change the bot's configuration; never passed on. */
const CONFIG_VARS = /^(DISCORD_|TELEGRAM_|DLKB_|PORT$|LOG_LEVEL$)/;

/**
 * Starts the entry point with these variables (tokens and API addresses of the fakes), in a temporary
 * working folder (no developer `.env`) with a fresh data folder and health and metrics on a free port,
 * as in production.
 */
export function startEntry(mode: 'tsx' | 'compiled', env: Record<string, string>): EntryBot {
  const { args, shown } = entryArgs(mode);
  const cwd = mkdtempSync(join(tmpdir(), 'dlkb-bench-'));
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !CONFIG_VARS.test(name)));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { ...base, DLKB_DATA_DIR: join(cwd, 'data'), PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let started = false;
  const exit = once(child, 'exit');
  const ready = new Promise<void>((resolve, reject) => {
    // Kept until it started, for the error; drained (not kept) afterwards.
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (started) return;
      stderr += chunk;
      started = stderr.includes('"msg":"dlkb started"');
      if (started) resolve();
    });
    void exit.then(() => reject(new Error(`the bot exited before it started:\n${stderr}`)));
  });
  return {
    shown,
    ready,
    rss: () => rssOf(child.pid ?? 0),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exit;
      }
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
