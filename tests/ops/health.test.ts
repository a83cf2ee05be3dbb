import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Router } from '../../src/app/router.ts';
import { createServices } from '../../src/app/services.ts';
import type { Command } from '../../src/kernel/command.ts';
import type { Services } from '../../src/kernel/context.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import type { Origin } from '../../src/kernel/router.ts';
import { type HealthCheck, type HealthServer, startHealthServer } from '../../src/ops/health.ts';
import { createMetrics, type Metrics } from '../../src/ops/metrics.ts';

const servers: HealthServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(checks: HealthCheck[], metrics: Metrics = createMetrics(), stopping = () => false) {
  const server = await startHealthServer({ checks, metrics, stopping, port: 0, host: '127.0.0.1' });
  servers.push(server);
  const get = async (path: string, method = 'GET') => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { method });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  return { server, get };
}

const ok = (name: string): HealthCheck => ({ name, check: () => null });

describe('/healthz', () => {
  it('answers 200 with every check when all pass', async () => {
    const { get } = await serve([ok('store'), ok('discord'), ok('telegram')]);
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/json');
    expect(JSON.parse(res.text)).toEqual({
      status: 'ok',
      checks: { store: 'ok', discord: 'ok', telegram: 'ok' },
    });
  });

  it('answers 503 with the reason when an adapter is down or the store is not writable', async () => {
    let connected = true;
    const { get } = await serve([
      { name: 'store', check: () => 'data folder not writable (EACCES)' },
      { name: 'telegram', check: () => (connected ? null : 'not connected') },
    ]);
    let res = await get('/healthz');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text).checks).toEqual({
      store: 'data folder not writable (EACCES)',
      telegram: 'ok',
    });
    connected = false;
    res = await get('/healthz');
    expect(JSON.parse(res.text)).toMatchObject({
      status: 'unhealthy',
      checks: { telegram: 'not connected' },
    });
  });

  it('turns a throwing or rejecting check into a failed check, not a crash', async () => {
    const { get } = await serve([
      {
        name: 'store',
        check: () => {
          throw new Error('disk I/O error');
        },
      },
      { name: 'discord', check: () => Promise.reject(new Error('boom')) },
    ]);
    const res = await get('/healthz');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text).checks).toEqual({ store: 'disk I/O error', discord: 'boom' });
  });

  it('reads checks added after start, and answers 503 "stopping" during shutdown', async () => {
    const checks: HealthCheck[] = [ok('store')];
    let stopping = false;
    const { get } = await serve(checks, createMetrics({ defaults: false }), () => stopping);
    checks.push({ name: 'discord', check: () => 'not connected' });
    expect(JSON.parse((await get('/healthz')).text).checks.discord).toBe('not connected');
    checks.pop();
    stopping = true;
    const res = await get('/healthz');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text).status).toBe('stopping');
  });

  it('shows what each platform serves under serves, beside the checks, once it can say', async () => {
    let discord: Record<string, unknown> | undefined;
    const { get } = await serve([
      ok('store'),
      { name: 'discord', check: () => (discord ? null : 'starting'), serves: () => discord },
      { name: 'telegram', check: () => null, serves: () => ({ mode: 'webhook' }) },
      {
        name: 'broken',
        check: () => null,
        serves: () => {
          throw new Error('bug');
        },
      },
    ]);
    let res = await get('/healthz');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text)).toEqual({
      status: 'unhealthy',
      checks: { store: 'ok', discord: 'starting', telegram: 'ok', broken: 'ok' },
      serves: { telegram: { mode: 'webhook' } },
    });
    discord = { shards: [0, 1], count: 2, shardStatus: { '0': 'ready', '1': 'ready' } };
    res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).serves).toEqual({
      discord: { shards: [0, 1], count: 2, shardStatus: { '0': 'ready', '1': 'ready' } },
      telegram: { mode: 'webhook' },
    });
  });

  it('answers HEAD, and 404 / 405 for other paths and methods', async () => {
    const { get } = await serve([ok('store')]);
    expect(await get('/healthz', 'HEAD')).toMatchObject({ status: 200, text: '' });
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/healthz', 'POST')).status).toBe(405);
    expect((await get('/healthz?verbose=1')).status).toBe(200);
  });

  it('rejects when the port is taken', async () => {
    const { server } = await serve([]);
    await expect(
      startHealthServer({ checks: [], metrics: createMetrics(), port: server.port, host: '127.0.0.1' }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('/metrics', () => {
  let commands: Command[];
  let services: Services;
  beforeAll(async () => {
    commands = await loadCommands();
    services = createServices();
  });

  const origin: Origin = {
    platform: 'telegram',
    chat: { id: '1', kind: 'private' },
    user: { id: '2', admin: false },
    locale: 'en',
  };

  it('counts commands served by platform and name, and times searches', async () => {
    const metrics = createMetrics();
    const router = new Router(commands, services, {
      onServed: (e) => metrics.observeServed(e),
    });
    await router.invokeText('/search softmax', origin);
    await router.invokeText('/search', origin);
    await router.invoke({ name: 'help', options: {} }, { ...origin, platform: 'discord' });
    await router.invokeText('/nosuchcommand-xyz', origin);
    await router.press('forged:data', origin);
    const { get } = await serve([ok('store')], metrics);
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    const t = res.text;
    expect(t).toContain(
      'dlkb_commands_total{platform="telegram",command="search",kind="text",outcome="ok"} 1',
    );
    expect(t).toMatch(
      /dlkb_commands_total\{platform="telegram",command="search",kind="text",outcome="user-error"\} 1/,
    );
    expect(t).toContain(
      'dlkb_commands_total{platform="discord",command="help",kind="invoke",outcome="ok"} 1',
    );
    expect(t).toContain('command="unknown",kind="text",outcome="user-error"} 1');
    expect(t).toContain('command="unknown",kind="press",outcome="ok"} 1');
    expect(t).not.toContain('nosuchcommand');
    expect(t).toContain('dlkb_search_duration_seconds_count{platform="telegram"} 2');
    expect(t).toContain('# TYPE dlkb_search_duration_seconds histogram');
    expect(t).toContain('process_cpu_user_seconds_total');
  });

  it('shows daily and review series from the start, and counts daily deliveries by outcome', async () => {
    const metrics = createMetrics({ defaults: false });
    metrics.track('discord');
    const { get } = await serve([], metrics);
    let t = (await get('/metrics')).text;
    expect(t).toContain('dlkb_daily_posts_total{platform="discord",kind="post",outcome="sent"} 0');
    expect(t).toContain('dlkb_daily_posts_total{platform="discord",kind="post",outcome="failed"} 0');
    expect(t).toContain('dlkb_reviews_rated_total{platform="discord"} 0');

    metrics.observeDelivery({ platform: 'discord', kind: 'post', outcome: 'sent' });
    metrics.observeDelivery({ platform: 'discord', kind: 'post', outcome: 'sent' });
    metrics.observeDelivery({ platform: 'discord', kind: 'post', outcome: 'failed' });
    metrics.observeDelivery({ platform: 'telegram', kind: 'reveal', outcome: 'retry' });
    t = (await get('/metrics')).text;
    expect(t).toContain('dlkb_daily_posts_total{platform="discord",kind="post",outcome="sent"} 2');
    expect(t).toContain('dlkb_daily_posts_total{platform="discord",kind="post",outcome="failed"} 1');
    expect(t).toContain('dlkb_daily_posts_total{platform="telegram",kind="reveal",outcome="retry"} 1');
    expect(t).not.toContain('process_cpu');
  });

  it('keeps an observer error from breaking a reply', async () => {
    const router = new Router(commands, services, {
      onServed: () => {
        throw new Error('observer bug');
      },
    });
    const reply = await router.invokeText('/help', origin);
    expect(reply?.body).toBeTruthy();
  });
});
