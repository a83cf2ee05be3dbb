/**
 * The daily scheduler live on a platform, for end-to-end tests: a fake server, the real adapter logged in
 * to it, the app's commands over an in-memory store, and the scheduler (with reminders when asked)
 * attached to the adapter, on a test clock. `stop()` takes it all down in order.
 */

import type { DiscordTuning } from '../../src/adapters/discord/index.ts';
import { startDiscord } from '../../src/adapters/discord/index.ts';
import { startTelegram } from '../../src/adapters/telegram/index.ts';
import { Router } from '../../src/app/router.ts';
import { memoryAppStore } from '../../src/app/store.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import type { Command } from '../../src/kernel/command.ts';
import type { Services } from '../../src/kernel/context.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import { FakeDiscord } from '../fakes/discord.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { withReminders } from '../remind/helpers.ts';
import { Clock, withScheduler } from './helpers.ts';

/** The bot token the Discord adapter logs in with (the fake accepts any well-formed one). */
export const DISCORD_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.fake-token-for-daily-tests-012345';

/** What both platforms' set-ups share. */
interface Live {
  daily: DailyScheduler;
  store: Store;
  clock: Clock;
  services: Services;
  router: Router;
  /** Stops the scheduler, then the adapter, then the fake. */
  stop(): Promise<void>;
}

/** How to set it up: the clock's start, and whether reminders run on the scheduler's ticks. */
interface LiveOptions {
  at: string;
  reminders?: boolean;
  /** Start the scheduler too (its start-up pass over interrupted sends). */
  start?: boolean;
}

let commands: Promise<Command[]> | undefined;

async function app(o: LiveOptions): Promise<Omit<Live, 'stop'>> {
  commands ??= loadCommands();
  const store = memoryAppStore();
  const clock = new Clock(o.at);
  const { services, daily } = o.reminders ? withReminders(store, clock) : withScheduler(store, clock);
  return { daily, store, clock, services, router: new Router(await commands, services) };
}

/** Live on Telegram: the fake Bot API and the grammY adapter. */
export async function liveTelegram(
  o: LiveOptions,
): Promise<Live & { fake: FakeTelegram; adapter: Awaited<ReturnType<typeof startTelegram>> }> {
  const fake = await FakeTelegram.start({ pollCapMs: 20 });
  const made = await app(o);
  const adapter = await startTelegram({
    router: made.router,
    token: fake.token,
    apiRoot: fake.apiRoot,
    log: made.services.log,
    botInfo: fake.botInfo,
  });
  made.daily.attach(adapter);
  if (o.start) await made.daily.start();
  return { ...made, fake, adapter, stop: () => stopAll(made.daily, adapter, fake) };
}

/** Live on Discord: the fake REST and gateway, and the discord.js adapter. */
export async function liveDiscord(
  o: LiveOptions & { tuning?: Partial<DiscordTuning> },
): Promise<Live & { fake: FakeDiscord; adapter: Awaited<ReturnType<typeof startDiscord>> }> {
  const fake = await FakeDiscord.start();
  const made = await app(o);
  const adapter = await startDiscord(
    { router: made.router, token: DISCORD_TOKEN, apiUrl: fake.apiUrl, log: made.services.log },
    o.tuning,
  );
  made.daily.attach(adapter);
  if (o.start) await made.daily.start();
  return { ...made, fake, adapter, stop: () => stopAll(made.daily, adapter, fake) };
}

async function stopAll(
  daily: DailyScheduler,
  adapter: { stop(): Promise<void> },
  fake: { close(): Promise<void> },
): Promise<void> {
  await daily.stop();
  await adapter.stop();
  await fake.close();
}
