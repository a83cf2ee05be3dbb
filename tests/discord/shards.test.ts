/**
 * Gateway sharding against the fake Discord: replicas that each run some of the bot's shards identify
 * with their `[shard_id, num_shards]`, receive only their guilds' interactions (Discord routes a guild
 * by `(guild_id >> 22) % num_shards`), and answer each one once; `auto` runs the count /gateway/bot
 * recommends.
 */
import { type Client, Events } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../src/adapters/discord/index.ts';
import { type ShardPlan, shardOptions, statusName } from '../../src/adapters/discord/shards.ts';
import { Router } from '../../src/app/router.ts';
import { createServices } from '../../src/app/services.ts';
import type { RunningAdapter } from '../../src/kernel/outbox.ts';
import { FakeDiscord, type FakeDiscordOptions, type Json, type RecordedRequest } from '../fakes/discord.ts';
import { captureLog, TOKEN, testCommands } from './harness.ts';
import { slash } from './payloads.ts';

/** A guild id whose timestamp part (`id >> 22`) is `n`: on shard `n % count`. */
const guildWith = (n: bigint) => String(n << 22n);
/** Owned by shard 0 of 2 (1_000_000 is even). */
const GUILD_ON_0 = guildWith(1_000_000n);
/** Owned by shard 1 of 2 (1_000_001 is odd). */
const GUILD_ON_1 = guildWith(1_000_001n);

type Replica = RunningAdapter & { client: Client; seen: string[] };

let fake: FakeDiscord | undefined;
const replicas: Replica[] = [];
afterEach(async () => {
  for (const r of replicas.splice(0)) await r.stop();
  await fake?.close();
  fake = undefined;
});

async function startFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  fake = await FakeDiscord.start(options);
  return fake;
}

/** One replica: its own router and store, the shards it runs, and the interactions it received. */
async function replica(on: FakeDiscord, shards: ShardPlan | undefined): Promise<Replica> {
  const log = captureLog([]);
  const router = new Router(await testCommands(false), createServices({ log }));
  const adapter = await startDiscord({
    router,
    token: TOKEN,
    apiUrl: on.apiUrl,
    log,
    ...(shards ? { shards } : {}),
  });
  const seen: string[] = [];
  adapter.client.on(Events.InteractionCreate, (i) => seen.push(i.id));
  const r = Object.assign(adapter, { seen });
  replicas.push(r);
  return r;
}

const callbacksOf = (requests: readonly RecordedRequest[], interaction: Json) =>
  requests.filter(
    (r) => r.method === 'POST' && r.path.startsWith(`/interactions/${String(interaction.id)}/`),
  );

describe('discord shards', () => {
  it('maps DISCORD_SHARDS to the discord.js options, and auto to shards: auto', () => {
    expect(shardOptions(undefined)).toEqual({});
    expect(shardOptions('auto')).toEqual({ shards: 'auto' });
    expect(shardOptions({ ids: [2, 3], count: 4 })).toEqual({ shards: [2, 3], shardCount: 4 });
    expect(statusName(6)).toBe('waitingForGuilds');
  });

  it('runs one connection, shard [0, 1], without a plan', async () => {
    const f = await startFake();
    const r = await replica(f, undefined);
    expect(f.identifies.map((i) => i.shard ?? [0, 1])).toEqual([[0, 1]]);
    expect(r.serves?.()).toEqual({ shards: [0], count: 1, shardStatus: { '0': 'ready' } });
  });

  it('two replicas of shards 0 and 1 of 2: each identifies its shard and answers its guilds only, once', async () => {
    const f = await startFake();
    const zero = await replica(f, { ids: [0], count: 2 });
    const one = await replica(f, { ids: [1], count: 2 });
    expect(f.identifies.map((i) => i.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(zero.serves?.()).toEqual({ shards: [0], count: 2, shardStatus: { '0': 'ready' } });
    expect(one.serves?.()).toEqual({ shards: [1], count: 2, shardStatus: { '1': 'ready' } });

    const onOne = slash(f.applicationId, 'help', {}, { guildId: GUILD_ON_1, locale: 'en-US' });
    const answered = await f.interact(onOne);
    expect((answered.body as Json).type).toBe(4);
    const onZero = slash(f.applicationId, 'help', {}, { guildId: GUILD_ON_0, locale: 'en-US' });
    await f.interact(onZero);
    // A third round trip through replica one: had it received onZero too (sent before this one on its
    // connection), its answer would be in by now.
    await f.interact(slash(f.applicationId, 'help', {}, { guildId: GUILD_ON_1 }));

    expect(one.seen).toContain(String(onOne.id));
    expect(zero.seen).not.toContain(String(onOne.id));
    expect(zero.seen).toEqual([String(onZero.id)]);
    expect(one.seen).not.toContain(String(onZero.id));
    expect(callbacksOf(f.requests, onOne)).toHaveLength(1);
    expect(callbacksOf(f.requests, onZero)).toHaveLength(1);
  });

  it('auto runs every shard /gateway/bot recommends in this process', async () => {
    const f = await startFake({ recommendedShards: 2, maxConcurrency: 2 });
    const r = await replica(f, 'auto');
    await f.waitFor((q) => q.path === '/gateway/bot');
    expect(f.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(r.serves?.()).toEqual({
      shards: [0, 1],
      count: 2,
      shardStatus: { '0': 'ready', '1': 'ready' },
    });
    expect(r.healthy()).toBe(true);
    for (const guildId of [GUILD_ON_0, GUILD_ON_1]) {
      const interaction = slash(f.applicationId, 'help', {}, { guildId });
      await f.interact(interaction);
      expect(callbacksOf(f.requests, interaction)).toHaveLength(1);
    }
    expect(r.seen).toHaveLength(2);
  });

  it('is unhealthy while a shard resumes, and names it', async () => {
    const f = await startFake({ recommendedShards: 2, maxConcurrency: 2 });
    const r = await replica(f, 'auto');
    expect(r.problem?.()).toBeNull();
    f.drop(1);
    await expect.poll(() => r.problem?.()).toBe('shard 1 resuming of 2 not ready');
    expect(r.healthy()).toBe(false);
    expect(r.serves?.()).toMatchObject({ shardStatus: { '0': 'ready', '1': 'resuming' } });
  });
});
