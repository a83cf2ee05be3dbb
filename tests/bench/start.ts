/**
 * `npm run bench:start`: how long `npm start` (no token: the terminal chat) takes from spawning the
 * process to its first answer. Each run spawns the bot with stdin a pipe that stays open, writes `/help`
 * at once, and stops the clock when the help title arrives on stdout, so the figure includes node's
 * start, tsx's loader and TypeScript transforms, loading and validating the 114 knowledge entries,
 * building the search index, opening the SQLite database in DLKB_DATA_DIR, loading the commands,
 * starting the daily scheduler, and answering `/help`. Target: well under a second, checked as a median
 * ≤ 1000 ms for both `npx tsx src/main.ts` (what `npm start` runs, plus npx) and `node --import tsx`.
 *
 * Then, in fresh processes, where that time goes (`--phases` mode of this file).
 * Options: `--runs N` (default 9, at least 7).
 */

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LINK_ATTEMPTS } from '../../src/features/link/link.ts';
import { reportsPart } from '../../src/features/reports/part.ts';
import { RateLimiter } from '../../src/kernel/rate-limit.ts';
import { quantile } from './stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src/main.ts');
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
/** The zh-CN help title (LANG is set to zh_CN below). */
const HELP_TITLE = 'dlkb · 深度学习面试知识库';
const TARGET_MS = 1000;
/** What `npm start` runs (`tsx src/main.ts`: the tsx CLI starts a second node with its loader). */
const NPX = 'npx tsx src/main.ts';
/** The same without the tsx CLI's extra process. */
const NODE = 'node --import tsx src/main.ts';

const CLEARED = [
  'DISCORD_TOKEN',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_URL',
  'PORT',
  'DLKB_HEALTH_PORT',
  'LOG_LEVEL',
  'LC_ALL',
];

function childEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DLKB_DATA_DIR: dataDir, LANG: 'zh_CN.UTF-8' };
  for (const name of CLEARED) delete env[name];
  return env;
}

/** Spawns a command, sends `/help` at once, and resolves with the ms until the help title is on stdout. */
async function firstAnswer(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.write('/help\n');
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const ms = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes(HELP_TITLE)) resolve(performance.now() - started);
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before answering:\n${err}`)));
  });
  // End of input: the chat ends and the process exits 0.
  child.stdin.end();
  if (child.exitCode === null) await once(child, 'exit');
  if (child.exitCode !== 0) throw new Error(`exit code ${child.exitCode}:\n${err}`);
  return ms;
}

/** Spawns a command that exits on its own and resolves with its wall time. */
async function wallTime(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: 'ignore' });
  await once(child, 'exit');
  return performance.now() - started;
}

interface Variant {
  label: string;
  measure: () => Promise<number>;
}

async function series(variant: Variant, runs: number): Promise<number[]> {
  await variant.measure(); // warm-up: file cache, and the database is created once
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await variant.measure());
  return ms;
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;

/** In a fresh process (`--phases`): the time of each start-up step, as JSON on stdout. */
async function phases(dataDir: string): Promise<void> {
  // performance.now() counts from the process's start: this is node + tsx up to this module.
  const boot = performance.now();
  const t = (from: number) => performance.now() - from;
  let at = performance.now();
  const [{ loadKnowledge }, { SearchIndex }, { openAppStore }, { loadCommands }, { silentLogger }] =
    await Promise.all([
      import('../../src/features/knowledge/load.ts'),
      import('../../src/features/search/index.ts'),
      import('../../src/app/store.ts'),
      import('../../src/kernel/load-commands.ts'),
      import('../../src/kernel/log.ts'),
    ]);
  const { Router } = await import('../../src/app/router.ts');
  const { firstDelivery } = await import('../../src/features/updates/once.ts');
  const imports = t(at);
  at = performance.now();
  const kb = loadKnowledge();
  const knowledge = t(at);
  at = performance.now();
  const search = SearchIndex.of(kb);
  const index = t(at);
  at = performance.now();
  const store = openAppStore(dataDir);
  const sqlite = t(at);
  at = performance.now();
  const commands = await loadCommands();
  const commandFiles = t(at);
  at = performance.now();
  const router = new Router(commands, {
    kb,
    search,
    store,
    scores: store.answers,
    keyPoints: store.keyPoints,
    reports: reportsPart.memory(),
    log: silentLogger(),
    now: () => new Date(),
    random: Math.random,
    linkAttempts: new RateLimiter(LINK_ATTEMPTS),
    firstDelivery: firstDelivery({ claims: store.updates, log: silentLogger() }),
  });
  await router.invokeText('/help', {
    platform: 'terminal',
    chat: { id: 'bench', kind: 'private' },
    user: { id: 'bench', admin: true },
    locale: 'zh-CN',
  });
  const help = t(at);
  await store.close();
  process.stdout.write(
    JSON.stringify({ boot, imports, knowledge, index, sqlite, commands: commandFiles, help }),
  );
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dataArg = argv.indexOf('--phases');
  if (dataArg >= 0) return phases(argv[dataArg + 1] ?? tmpdir());
  const runsArg = argv.indexOf('--runs');
  const runs = Math.max(7, runsArg >= 0 ? Number(argv[runsArg + 1]) || 9 : 9);

  const dir = mkdtempSync(join(tmpdir(), 'dlkb-bench-start-'));
  const dataDir = join(dir, 'data');
  const env = childEnv(dataDir);
  const empty = join(dir, 'empty.ts');
  writeFileSync(empty, 'export {};\n');
  const variants: Variant[] = [
    { label: NPX, measure: () => firstAnswer('npx', ['tsx', MAIN], env) },
    {
      label: NODE,
      measure: () => firstAnswer(process.execPath, ['--import', TSX_LOADER, MAIN], env),
    },
    { label: 'baseline: node -e 0', measure: () => wallTime(process.execPath, ['-e', '0'], env) },
    {
      label: 'baseline: node --import tsx empty.ts',
      measure: () => wallTime(process.execPath, ['--import', TSX_LOADER, empty], env),
    },
  ];
  try {
    console.log(`dlkb start-up: spawn → first answer (/help), ${runs} runs each after one warm-up`);
    console.log(`target: median well under a second (≤ ${TARGET_MS} ms)\n`);
    console.log(`${'variant'.padEnd(40)}   median       p90       min       max`);
    const medians = new Map<string, number>();
    for (const v of variants) {
      const ms = await series(v, runs);
      const median = quantile(ms, 0.5);
      medians.set(v.label, median);
      console.log(
        `${v.label.padEnd(40)} ${fmt(median)} ${fmt(quantile(ms, 0.9))} ${fmt(Math.min(...ms))} ${fmt(Math.max(...ms))}`,
      );
    }

    const samples: Array<Record<string, number>> = [];
    for (let i = 0; i < runs; i++) {
      const child = spawn(
        process.execPath,
        ['--import', TSX_LOADER, fileURLToPath(import.meta.url), '--phases', dataDir],
        {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
      });
      await once(child, 'exit');
      samples.push(JSON.parse(out) as Record<string, number>);
    }
    console.log(`\nwhere the time goes (median of ${runs} fresh processes, node --import tsx):`);
    const steps: Array<[string, string]> = [
      ['boot', 'node + tsx loader start, up to the first module'],
      ['imports', 'import core modules (tsx transforms, zod, orama, better-sqlite3)'],
      ['knowledge', 'read + validate 10 YAML files, 114 entries'],
      ['index', 'build the search index'],
      ['sqlite', 'open the SQLite database (WAL, schema)'],
      ['commands', 'import commands/*.ts'],
      ['help', 'answer /help'],
    ];
    let total = 0;
    for (const [key, what] of steps) {
      const median = quantile(
        samples.map((s) => s[key] ?? 0),
        0.5,
      );
      total += median;
      console.log(`  ${key.padEnd(10)} ${fmt(median)}  ${what}`);
    }
    console.log(
      `  ${'sum'.padEnd(10)} ${fmt(total)}  (main.ts also reads the config and starts the scheduler)`,
    );

    console.log(`\ntarget: median ≤ ${TARGET_MS} ms from spawn to the first answer`);
    let missed = false;
    for (const label of [NPX, NODE]) {
      const median = medians.get(label) ?? Number.NaN;
      const ok = median <= TARGET_MS;
      missed ||= !ok;
      console.log(`  ${label.padEnd(38)} ${fmt(median)}  ${ok ? 'ok' : 'MISSED'}`);
    }
    console.log(
      `  (load average while running: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')})`,
    );
    if (missed) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
