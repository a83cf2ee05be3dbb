/**
 * `npm run bench:telegram`: the real adapter (grammY, runner, auto-retry) against the fake Bot API.
 * The bot runs in a child process (so its RSS is its own, not the fake's); this process holds the fake
 * and feeds 1,000 command updates through long polling, one at a time. Latency is measured on the fake's
 * clock: from the update written into a getUpdates answer to the sendMessage received.
 * Targets: p50 ≤ 5 ms, RSS ≤ 120 MB.
 *
 * By default the child loads only the adapter and the router, under tsx. `-- --main` runs the real
 * `src/main.ts` the way `npm start` does instead, and `-- --compiled` the compiled build the way Docker
 * and systemd do (`npm run start:prod`; run `npm run build` first): see entry.ts.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { UserFromGetMe } from 'grammy/types';
import { startTelegram } from '../../src/adapters/telegram/index.ts';
import { createRouter } from '../../src/app/services.ts';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { botMode, startEntry } from './entry.ts';
import { latencySummary, mb, quantile } from './stats.ts';

const UPDATES = 1000;
const WARMUP = 100;
const TARGET_P50_MS = 5;
const TARGET_RSS_MB = 120;

type FromBot = { ready: true; rss: number; routerRss?: number } | { rss: number; heap: number };

/** The bot process under test: what it reported once ready, how to ask its RSS, how to stop it. */
interface BotUnderTest {
  shown: string;
  ready: FromBot;
  rss(): Promise<number>;
  stop(): Promise<void>;
}

/** The child: the bot alone, reporting its RSS once ready and when asked. */
async function bot(apiRoot: string, token: string, botInfo: UserFromGetMe): Promise<void> {
  const log = silentLogger();
  const router = await createRouter({ log });
  const routerRss = process.memoryUsage().rss;
  const adapter = await startTelegram({ router, token, apiRoot, botInfo, log });
  process.send?.({ ready: true, rss: process.memoryUsage().rss, routerRss } satisfies FromBot);
  process.on('message', async (m) => {
    if (m === 'memory') {
      const { rss, heapUsed } = process.memoryUsage();
      process.send?.({ rss, heap: heapUsed } satisfies FromBot);
    } else if (m === 'stop') {
      await adapter.stop();
      process.disconnect();
    }
  });
}

async function ask(child: ChildProcess, message?: string): Promise<FromBot> {
  const reply = once(child, 'message') as Promise<[FromBot]>;
  if (message) child.send(message);
  return (await reply)[0];
}

/** The mix of commands people send most. */
function commandLine(i: number, ids: string[], categories: string[]): string {
  const id = ids[i % ids.length] ?? '';
  const category = categories[i % categories.length] ?? '';
  const lines = [
    '/help',
    `/show ${id}`,
    '/search 交叉熵',
    `/quiz ${category}`,
    '/topics',
    '/search batch norm',
  ];
  return lines[i % lines.length] ?? '/help';
}

/** The default: this file's child, loading only the adapter and the router. */
async function startChild(fake: FakeTelegram): Promise<BotUnderTest> {
  const child = fork(
    fileURLToPath(import.meta.url),
    ['--bot', fake.apiRoot, fake.token, JSON.stringify(fake.botInfo)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const stop = async () => {
    child.send('stop');
    await once(child, 'exit');
  };
  try {
    const ready = await ask(child);
    const rss = async () => (await ask(child, 'memory')).rss;
    return { shown: 'adapter and router only, under tsx', ready, rss, stop };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/** `--main` or `--compiled`: the whole entry point, with store, health, metrics and the scheduler. */
async function startMain(fake: FakeTelegram, mode: 'tsx' | 'compiled'): Promise<BotUnderTest> {
  const bot = startEntry(mode, { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
  try {
    await bot.ready;
    const ready: FromBot = { ready: true, rss: bot.rss() };
    return { shown: bot.shown, ready, rss: async () => bot.rss(), stop: () => bot.stop() };
  } catch (error) {
    await bot.stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const mode = botMode();
  const fake = await FakeTelegram.start({ pollCapMs: 1000 });
  try {
    const bot = mode === 'child' ? await startChild(fake) : await startMain(fake, mode);
    try {
      await run(fake, bot);
    } finally {
      await bot.stop();
    }
  } finally {
    await fake.close();
  }
}

async function run(fake: FakeTelegram, bot: BotUnderTest): Promise<void> {
  const { ready } = bot;
  if (!('ready' in ready)) throw new Error('the bot did not start');
  const kb = loadKnowledge();
  const ids = kb.entries.map((e) => e.id);
  const categories = kb.categories.map((c) => c.id);
  const latencies: number[] = [];
  for (let n = 0; n < WARMUP + UPDATES; n++) {
    const chat = { id: 10_000 + (n % 50), type: 'private' as const, first_name: 'u' };
    const text = commandLine(n, ids, categories);
    const command = text.split(' ')[0] ?? text;
    const since = fake.calls.length;
    const update = fake.pushUpdate({
      message: {
        message_id: n + 1,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: { id: chat.id, is_bot: false, first_name: 'u', language_code: 'zh-hans' },
        text,
        entities: [{ type: 'bot_command', offset: 0, length: command.length }],
      },
    });
    const sent = await fake.waitFor('sendMessage', { since, timeoutMs: 10_000 });
    const delivered = fake.deliveredAt(update.update_id);
    if (delivered === undefined) throw new Error(`update ${update.update_id} was never delivered`);
    if (n >= WARMUP) latencies.push(sent.at - delivered);
  }
  const after = await bot.rss();
  const failures = fake.callsOf('sendMessage').filter((c) => !c.ok).length;
  const p50 = quantile(latencies, 0.5);
  const okP50 = p50 <= TARGET_P50_MS;
  const okRss = ready.rss <= TARGET_RSS_MB * 1024 * 1024;
  const verdict = (pass: boolean) => (pass ? 'ok' : 'MISSED');
  console.log(
    `telegram: ${UPDATES} updates over the fake Bot API by long polling, one at a time, after ${WARMUP} warm-up`,
  );
  console.log(`  bot process: ${bot.shown}`);
  console.log('  mix: /help, /show, /search (2), /quiz, /topics, from 50 private chats');
  console.log(`  update delivered → sendMessage received: ${latencySummary(latencies)}`);
  console.log(`    target p50 ≤ ${TARGET_P50_MS} ms: ${verdict(okP50)}`);
  console.log(
    `  bot process RSS once ready: ${mb(ready.rss)}   target ≤ ${TARGET_RSS_MB} MB: ${verdict(okRss)}` +
      `   (after the run: ${mb(after)})`,
  );
  if (ready.routerRss !== undefined)
    console.log(
      `    of which before the adapter started (node + tsx + knowledge + search index): ${mb(ready.routerRss)}`,
    );
  console.log(`  failed sendMessage calls: ${failures}`);
  if (!okP50 || !okRss) process.exitCode = 1;
}

const botIndex = process.argv.indexOf('--bot');
if (botIndex >= 0) {
  const [apiRoot = '', token = '', info = '{}'] = process.argv.slice(botIndex + 1);
  await bot(apiRoot, token, JSON.parse(info) as UserFromGetMe);
} else await main();
