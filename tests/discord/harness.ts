/** The Discord adapter running against the fake Discord, with captured log lines. */
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Client } from 'discord.js';
import { type DiscordTuning, startDiscord } from '../../src/adapters/discord/index.ts';
import { Router } from '../../src/app/router.ts';
import { createServices, type Knowledge, loadIndexedKnowledge } from '../../src/app/services.ts';
import { memoryAppStore } from '../../src/app/store.ts';
import type { Command } from '../../src/kernel/command.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import { createLogger, type Logger } from '../../src/kernel/log.ts';
import type { RunningAdapter } from '../../src/kernel/outbox.ts';
import { FakeDiscord, type Json, type RecordedRequest } from '../fakes/discord.ts';

/** Test-only commands (admin, slow, huge, throwing); never part of `commands/`. */
export const FIXTURE_COMMANDS = fileURLToPath(new URL('./fixtures/commands/', import.meta.url));

/** The bot token the tests use (shaped like a real one, so the configuration accepts it). */
export const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.fake-token-for-tests-0123456789';

/** A running fake Discord, router and adapter, and what they logged. */
export interface Harness {
  fake: FakeDiscord;
  router: Router;
  adapter: RunningAdapter & { client: Client };
  /** Every log line, parsed. */
  logs: Json[];
  log: Logger;
  close(): Promise<void>;
}

/** A logger that keeps its lines in `lines`. */
export function captureLog(lines: Json[]): Logger {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line) as Json);
      done();
    },
  });
  return createLogger({ level: 'debug', pretty: false, destination });
}

let commandsCache: Promise<Command[]> | undefined;
let knowledge: Knowledge | undefined;

/** The commands of `commands/`, plus the test fixtures when asked. */
export async function testCommands(fixtures: boolean): Promise<Command[]> {
  commandsCache ??= loadCommands();
  const real = await commandsCache;
  return fixtures ? [...real, ...(await loadCommands(FIXTURE_COMMANDS))] : real;
}

/** Starts a fake Discord and the adapter logged in to it. */
export async function startHarness(
  options: { fixtures?: boolean; tuning?: Partial<DiscordTuning> } = {},
): Promise<Harness> {
  const logs: Json[] = [];
  const log = captureLog(logs);
  let n = 0;
  // The knowledge base and its indexes are read-only: loaded once per worker. Everything else (store,
  // reports, rate limiters, the round runner) is new for each harness, so no test sees another's state.
  knowledge ??= loadIndexedKnowledge();
  const services = createServices({
    knowledge,
    store: memoryAppStore(),
    log,
    random: () => (n++ * 0.37) % 1,
  });
  const router = new Router(await testCommands(options.fixtures ?? false), services);
  const fake = await FakeDiscord.start();
  try {
    const adapter = await startDiscord({ router, token: TOKEN, apiUrl: fake.apiUrl, log }, options.tuning);
    return {
      fake,
      router,
      adapter,
      logs,
      log,
      async close() {
        await adapter.stop();
        await fake.close();
      },
    };
  } catch (error) {
    await fake.close();
    throw error;
  }
}

/** The message data of an interaction callback (type 4 reply, 7 update). */
export function callbackData(request: RecordedRequest): Json {
  const body = request.body as { type: number; data?: Json };
  return body.data ?? {};
}

/** The first embed of a message body. */
export function embedOf(data: Json): Json {
  const embeds = data.embeds as Json[] | undefined;
  return embeds?.[0] ?? {};
}

/** custom_ids of every button of a message body, row by row. */
export function customIds(data: Json): string[][] {
  const rows = (data.components as { components: { custom_id?: string }[] }[] | undefined) ?? [];
  return rows.map((r) => r.components.map((c) => c.custom_id ?? ''));
}

/** Every request that carries a message (a reply, update, edit, follow-up or channel post). */
export function messageBodies(requests: readonly RecordedRequest[]): Json[] {
  const out: Json[] = [];
  for (const r of requests) {
    const body = r.body as Json | null;
    if (!body || typeof body !== 'object') continue;
    if (/\/callback$/.test(r.path)) {
      const type = body.type as number;
      if (type === 4 || type === 7) out.push((body.data as Json | undefined) ?? {});
    } else if (/^\/(webhooks|channels)\//.test(r.path) && r.method !== 'DELETE') {
      out.push(body);
    }
  }
  return out;
}
