import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../src/adapters/discord/index.ts';
import { Router } from '../../src/app/router.ts';
import { createServices } from '../../src/app/services.ts';
import { FakeDiscord, type Json } from '../fakes/discord.ts';
import { captureLog, type Harness, startHarness, TOKEN, testCommands } from './harness.ts';
import { slash } from './payloads.ts';

describe('discord login', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('logs in over the gateway with the Guilds intent only and is healthy once ready', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    expect(adapter.platform).toBe('discord');
    expect(adapter.healthy()).toBe(true);
    expect(adapter.client.user?.id).toBe(fake.botUserId);
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0]?.intents).toBe(1);
    expect(fake.identifies[0]?.token).toBe(TOKEN);
    const gateway = await fake.waitFor((r) => r.path === '/gateway/bot');
    expect(gateway.authorization).toBe(`Bot ${TOKEN}`);
    expect(harness.logs.some((l) => l.msg === 'discord ready')).toBe(true);
    expect(JSON.stringify(harness.logs)).not.toContain(TOKEN);
  });

  it('stops: waits for the interaction in flight, then disconnects', async () => {
    harness = await startHarness({ fixtures: true, tuning: { deferAfterMs: 20 } });
    const { fake, adapter } = harness;
    const slow = slash(fake.applicationId, 'slow', { ms: 300 });
    // The deferral proves the interaction is in flight.
    expect(((await fake.interact(slow)).body as Json).type).toBe(5);
    await adapter.stop();
    const edited = fake.requests.find((r) => r.method === 'PATCH' && r.path.includes(String(slow.token)));
    expect(edited?.body).toMatchObject({ embeds: [{ description: 'done after 300 ms' }] });
    expect(adapter.healthy()).toBe(false);
    await expect.poll(() => fake.connections).toBe(0);
    await adapter.stop(); // a second stop is harmless
  });

  it('answers "restarting" to an interaction that arrives while stopping', async () => {
    harness = await startHarness({ fixtures: true, tuning: { deferAfterMs: 20 } });
    const { fake, adapter } = harness;
    await fake.interact(slash(fake.applicationId, 'slow', { ms: 300 }));
    const stopping = adapter.stop();
    const late = await fake.interact(slash(fake.applicationId, 'help', {}, { locale: 'en-US' }));
    const data = (late.body as Json).data as Json;
    expect(data.flags).toBe(64);
    expect(data.content).toMatch(/restarting/);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    await stopping;
  });

  it('rejects with a clear error, without the token, when Discord refuses the token', async () => {
    const fake = await FakeDiscord.start();
    try {
      fake.fail({
        method: 'GET',
        path: /^\/gateway\/bot$/,
        status: 401,
        body: { code: 0, message: '401: Unauthorized' },
      });
      const logs: Json[] = [];
      const log = captureLog(logs);
      const router = new Router(await testCommands(false), createServices({ log }));
      const started = startDiscord({ router, token: TOKEN, apiUrl: fake.apiUrl, log });
      await expect(started).rejects.toThrow(/discord: login failed/);
      const error = await started.catch((e: unknown) => e as Error);
      expect(String(error)).not.toContain(TOKEN);
      expect(fake.connections).toBe(0);
    } finally {
      await fake.close();
    }
  });
});
