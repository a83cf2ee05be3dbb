/**
 * The reminder fan-out of `npm run bench:review`: every learner of the seeded SQLite store has reminders
 * on at the same minute; the daily scheduler (its reminder source, its Telegram lane) sends them through
 * the real Telegram adapter (grammY) to the fake Bot API enforcing a global send limit (429 with
 * retry_after beyond it). Prints the achieved rate as a share of the limit (target ≥ 0.9), duplicates
 * (target 0, checked again by a second pass after the first ended) and learners with cards due who got
 * nothing (target 0).
 */

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTelegram } from '../../src/adapters/telegram/index.ts';
import { Router } from '../../src/app/router.ts';
import { createServices } from '../../src/app/services.ts';
import { type AppSqliteStore, openAppStore } from '../../src/app/store.ts';
import { userKey } from '../../src/kernel/identity.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { quantile } from './stats.ts';

/** The bot, in its own process (as in production and bench:daily): sends what is due, then a second pass. */
async function child(dir: string, apiRoot: string, token: string, at: number, limit: number): Promise<void> {
  const store = openAppStore(dir);
  const started = Date.now();
  const now = () => new Date(at + (Date.now() - started));
  const log = silentLogger();
  // Paced a little under the limit, as bench:daily: a token bucket lets at most burst + rate through a second.
  const telegram = { perSecond: limit * 0.96, burst: Math.max(2, Math.floor(limit / 50)), concurrency: 32 };
  const services = createServices({ store, log, now, daily: { lanes: { telegram } } });
  const router = new Router(await loadCommands(), services);
  const adapter = await startTelegram({ router, token, apiRoot, log });
  const daily = services.daily;
  if (!daily) throw new Error('no scheduler');
  daily.attach(adapter);
  const t0 = performance.now();
  await daily.start();
  await daily.idle();
  const wallMs = performance.now() - t0;
  await daily.tick(); // a second pass after the first ended: nothing may be sent again
  await daily.idle();
  await daily.stop();
  await adapter.stop();
  await store.close();
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stdout.write(`${JSON.stringify({ wallMs, cpuMs })}\n`);
}

function runChild(args: string[]): Promise<{ wallMs: number; cpuMs: number }> {
  const self = fileURLToPath(import.meta.url);
  const bot = spawn(process.execPath, [...process.execArgv, self, '--child', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  bot.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) =>
    bot.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim()) as { wallMs: number; cpuMs: number });
      else reject(new Error(`the bot exited with ${code}`));
    }),
  );
}

/**
 * Sends every learner (`telegram:<id>` of `ids`) of the store in `dir` a reminder due at `now`, from a
 * bot in a child process, and prints the figures. Closes `store` (the bot's process opens the file).
 */
export async function reminderFanOut(
  dir: string,
  store: AppSqliteStore,
  ids: readonly string[],
  options: { now: number; limit: number },
): Promise<void> {
  const { now: at, limit } = options;
  const hhmm = new Date(at).toISOString().slice(11, 16);
  await store.transaction(async () => {
    for (const id of ids) {
      await store.reminders.put({
        userKey: userKey('telegram', id),
        platform: 'telegram',
        userId: id,
        on: true,
        time: hhmm,
        timezone: 'UTC',
        locale: 'en',
        since: 0,
        reachable: true,
        notice: null,
      });
    }
  });
  const due = new Set<string>();
  for (const id of ids) if ((await store.reviews.stats(`telegram:${id}`, at)).due > 0) due.add(id);
  // The file is opened by one process at a time: the bot's, from here on.
  await store.close();

  const fake = await FakeTelegram.start({ messagesPerSecond: limit });
  try {
    const bot = await runChild([dir, fake.apiRoot, fake.token, String(at), String(limit)]);
    const calls = fake.callsOf('sendMessage');
    const ok = calls.filter((c) => c.ok);
    const per = new Map<string, number>();
    for (const c of ok) per.set(String(c.payload.chat_id), (per.get(String(c.payload.chat_id)) ?? 0) + 1);
    let duplicates = 0;
    for (const n of per.values()) duplicates += Math.max(0, n - 1);
    const missed = [...due].filter((id) => !per.has(id)).length;
    const quiet = ids.filter((id) => !due.has(id) && per.has(id)).length;
    const first = ok[0]?.at ?? 0;
    const last = ok[ok.length - 1]?.at ?? 0;
    const rate = ok.length > 1 ? ((ok.length - 1) / (last - first)) * 1000 : 0;
    const lags = ok.map((c) => (c.at - first) / 1000);
    console.log(
      `reminder fan-out: ${ids.length} learners due at ${hhmm} UTC, ${due.size} with cards due; ` +
        `fake Telegram limit ${limit} messages/s`,
    );
    console.log(
      `  sent ${ok.length}: rate ${rate.toFixed(0)}/s = ${(rate / limit).toFixed(3)} of limit (target ≥ 0.9)  ` +
        `429s ${calls.filter((c) => c.failure?.error_code === 429).length}  duplicates ${duplicates} (target 0)  ` +
        `missed ${missed} (target 0)  sent with nothing due ${quiet} (target 0)  ` +
        `delivered after p50 ${quantile(lags, 0.5).toFixed(1)} s  p99 ${quantile(lags, 0.99).toFixed(1)} s`,
    );
    console.log(
      `  bot process: CPU ${(bot.cpuMs / 1000).toFixed(1)} s, fan-out ${(bot.wallMs / 1000).toFixed(1)} s (start-up excluded)`,
    );
  } finally {
    await fake.close();
  }
}

if (process.argv[2] === '--child') {
  const [, , , dir = '', apiRoot = '', token = '', at = '0', limit = '500'] = process.argv;
  await child(dir, apiRoot, token, Number(at), Number(limit));
  process.exit(0);
}
