/**
 * `npm run bench:discord`: the Discord adapter over the fake Discord. The bot runs in a child process
 * (so its RSS is its own, not the fake's); this process sends 1,000 INTERACTION_CREATE one at a time
 * and times each until the interaction callback arrives. Prints p50/p99 and the bot's RSS once ready.
 * Targets: p50 ≤ 5 ms, RSS ≤ 120 MB.
 *
 * By default the child loads only the adapter and the router, under tsx. `-- --main` runs the real
 * `src/main.ts` the way `npm start` does instead, and `-- --compiled` the compiled build the way Docker
 * and systemd do (`npm run start:prod`; run `npm run build` first): see entry.ts.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { FakeDiscord, Json } from '../fakes/discord.ts';
import { botMode, startEntry } from './entry.ts';

const INTERACTIONS = 1_000;
const WARMUP = 100;
const TARGET_P50_MS = 5;
const TARGET_RSS_MB = 120;
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEd.bench-discord-token-0000000000';

interface FromBot {
  rss: number;
  /** RSS after each start-up stage, for the breakdown. */
  stages?: [string, number][];
}

/** The child: the bot alone (nothing of the fake loaded), reporting its RSS once ready and when asked. */
async function bot(apiUrl: string): Promise<void> {
  const stages: [string, number][] = [['runtime (node + tsx)', process.memoryUsage().rss]];
  const { startDiscord } = await import('../../src/adapters/discord/index.ts');
  stages.push(['discord.js and the adapter loaded', process.memoryUsage().rss]);
  const { createRouter } = await import('../../src/app/services.ts');
  const { silentLogger } = await import('../../src/kernel/log.ts');
  const router = await createRouter({ log: silentLogger() });
  stages.push(['knowledge, search index and commands', process.memoryUsage().rss]);
  const adapter = await startDiscord({ router, token: TOKEN, apiUrl, log: silentLogger() });
  stages.push(['logged in, gateway ready', process.memoryUsage().rss]);
  process.send?.({ rss: process.memoryUsage().rss, stages } satisfies FromBot);
  process.on('message', async (m) => {
    if (m === 'memory') {
      process.send?.({ rss: process.memoryUsage().rss } satisfies FromBot);
    } else if (m === 'stop') {
      await adapter.stop();
      process.disconnect();
    }
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function ask(child: ChildProcess, message?: string): Promise<FromBot> {
  const reply = once(child, 'message') as Promise<[FromBot]>;
  if (message) child.send(message);
  return (await reply)[0];
}

/** The mix of interactions people send most: commands, autocomplete and button presses. */
async function interactions(fake: FakeDiscord, ids: string[]): Promise<(() => Json)[]> {
  const { autocomplete, press, slash } = await import('../discord/payloads.ts');
  const app = fake.applicationId;
  const on = fake.message('600000000000000001', {});
  const id = (i: number) => ids[i % ids.length] ?? '';
  let i = 0;
  return [
    () =>
      slash(app, 'search', { query: ['交叉熵', 'batch norm', 'attention', 'NMS', 'dropout'][i++ % 5] ?? '' }),
    () => slash(app, 'show', { id: id(i++) }),
    () => slash(app, 'quiz'),
    () => slash(app, 'topics'),
    // Autocomplete is rate-limited per person: each request comes from another person, so all reach search.
    () =>
      autocomplete(app, 'search', { query: ['soft', '注意', 'bn', 'res'][i % 4] ?? '' }, 'query', {
        userId: String(400000000000100000n + BigInt(i++)),
      }),
    () => press(app, `show:ans:${id(i++)}`, on),
    () => press(app, `topics:list:nlp:${(i++ % 2) + 1}`, on),
  ];
}

/** The bot process under test: what it reported once ready, how to ask its RSS, how to stop it. */
interface BotUnderTest {
  shown: string;
  ready: FromBot;
  rss(): Promise<number>;
  stop(): Promise<void>;
}

/** The default: this file's child, loading only the adapter and the router. */
async function startChild(fake: FakeDiscord): Promise<BotUnderTest> {
  const child = fork(fileURLToPath(import.meta.url), ['--bot', fake.apiUrl], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = async () => {
    child.send('stop');
    await once(child, 'exit');
  };
  try {
    const ready = await ask(child);
    return {
      shown: 'adapter and router only, under tsx',
      ready,
      rss: async () => (await ask(child, 'memory')).rss,
      stop,
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/** `--main` or `--compiled`: the whole entry point, with store, health, metrics and the scheduler. */
async function startMain(fake: FakeDiscord, mode: 'tsx' | 'compiled'): Promise<BotUnderTest> {
  const bot = startEntry(mode, { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl });
  try {
    await bot.ready;
    return {
      shown: bot.shown,
      ready: { rss: bot.rss() },
      rss: async () => bot.rss(),
      stop: () => bot.stop(),
    };
  } catch (error) {
    await bot.stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const { FakeDiscord } = await import('../fakes/discord.ts');
  const { loadKnowledge } = await import('../../src/features/knowledge/load.ts');
  const mode = botMode();
  const fake = await FakeDiscord.start();
  try {
    const bot = mode === 'child' ? await startChild(fake) : await startMain(fake, mode);
    try {
      await run(
        fake,
        bot,
        loadKnowledge().entries.map((e) => e.id),
      );
    } finally {
      await bot.stop();
    }
  } finally {
    await fake.close();
  }
}

async function run(fake: FakeDiscord, bot: BotUnderTest, ids: string[]): Promise<void> {
  const { ready } = bot;
  const kinds = await interactions(fake, ids);
  const times: number[] = [];
  for (let n = 0; n < WARMUP + INTERACTIONS; n++) {
    const payload = kinds[n % kinds.length]?.() ?? {};
    const sent = performance.now();
    const callback = await fake.interact(payload);
    if (n >= WARMUP) times.push(callback.at - sent);
  }
  const after = await bot.rss();
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  const ok50 = p50 <= TARGET_P50_MS;
  const okRss = ready.rss <= TARGET_RSS_MB * 1024 * 1024;
  console.log(
    `discord: ${INTERACTIONS} interactions over the fake Discord, one at a time, after ${WARMUP} warm-up`,
  );
  console.log(`  bot process: ${bot.shown}`);
  console.log('  mix: /search, /show, /quiz, /topics, autocomplete, show:ans and topics:list buttons');
  console.log(
    `  INTERACTION_CREATE sent → callback received: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, ` +
      `max ${(times.at(-1) ?? 0).toFixed(2)} ms   target p50 ≤ ${TARGET_P50_MS} ms ${ok50 ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `  bot process RSS once ready: ${mb(ready.rss)}   target ≤ ${TARGET_RSS_MB} MB ${okRss ? 'ok' : 'MISSED'}` +
      `   (after the run: ${mb(after)})`,
  );
  let previous = 0;
  for (const [stage, rss] of ready.stages ?? []) {
    console.log(
      `    ${stage.padEnd(40)} ${mb(rss).padStart(9)}  ${previous ? `+${mb(rss - previous)}` : ''}`,
    );
    previous = rss;
  }
  if (!ok50 || !okRss) process.exitCode = 1;
}

const botIndex = process.argv.indexOf('--bot');
if (botIndex >= 0) await bot(process.argv[botIndex + 1] ?? '');
else await main();
