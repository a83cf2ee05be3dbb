/**
 * The bot as a service: opens the database, builds the router, starts the health server, each configured
 * platform and the daily scheduler, and registers how to stop each of them with the lifecycle (stopped in
 * reverse: scheduler, adapters, health server, database).
 */
import { join } from 'node:path';
import { type App, buildApp } from '../app/build.ts';
import { type Config, EX_CONFIG } from '../config.ts';
import type { Logger } from '../kernel/log.ts';
import type { RunningAdapter } from '../kernel/outbox.ts';
import { StoreError } from '../store/store.ts';
import { type AlsoBackedUp, backupOnSignal } from './backup.ts';
import { type HealthCheck, type HealthServer, startHealthServer } from './health.ts';
import type { Lifecycle } from './lifecycle.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { startPlatform } from './platforms.ts';
import { forwardReports, reportsBackedUp, serviceReports } from './reports.ts';
import { StartupError } from './startup-error.ts';
import { type OpenedStore, openServiceStore, storeCheck } from './store.ts';

async function open(config: Config, log: Logger): Promise<OpenedStore> {
  try {
    return await openServiceStore(config, log);
  } catch (error) {
    if (error instanceof StoreError) throw new StartupError(error.message, EX_CONFIG, { cause: error });
    throw error;
  }
}

async function listen(
  config: Config,
  health: Parameters<typeof startHealthServer>[0],
): Promise<HealthServer> {
  try {
    return await startHealthServer(health);
  } catch (error) {
    const variable = config.healthPort === config.port ? 'PORT' : 'DLKB_HEALTH_PORT';
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(`${variable}: cannot listen on ${health.port}: ${reason}`, 1, { cause: error });
  }
}

function healthOf(adapter: RunningAdapter | undefined): string | null {
  if (!adapter) return 'starting';
  if (adapter.healthy()) return null;
  return adapter.problem?.() ?? 'not connected';
}

/** What the service's parts share while it starts. */
interface Starting {
  log: Logger;
  lifecycle: Lifecycle;
  metrics: Metrics;
  checks: HealthCheck[];
}

/** Starts the health server when `DLKB_HEALTH_PORT` (or `PORT`) asks for one. */
async function serveHealth(config: Config, o: Starting): Promise<HealthServer | undefined> {
  const { log, lifecycle, metrics, checks } = o;
  if (config.healthPort !== undefined) {
    const health = { checks, metrics, stopping: () => lifecycle.stopping, port: config.healthPort };
    const started = await listen(config, health);
    lifecycle.defer('close the health server', () => started.close());
    return started;
  }
  if (config.port !== undefined) {
    log.info('no /healthz or /metrics: PORT serves the Telegram webhook; set DLKB_HEALTH_PORT to get them');
  }
  return undefined;
}

/**
 * Starts the platforms side by side, each with its health check; every running adapter is pushed to
 * `adapters` (to be stopped) and attached to the daily scheduler and the round runner.
 */
async function startPlatforms(
  platforms: readonly ('discord' | 'telegram')[],
  o: Starting & {
    config: Config;
    router: App['router'];
    daily: App['daily'];
    rounds: App['rounds'];
    adapters: RunningAdapter[];
  },
): Promise<void> {
  const { config, router, daily, rounds, log, lifecycle, metrics, checks, adapters } = o;
  const running = new Map<string, RunningAdapter>();
  for (const platform of platforms) {
    checks.push({
      name: platform,
      check: () => healthOf(running.get(platform)),
      serves: () => running.get(platform)?.serves?.(),
    });
  }
  await Promise.all(
    platforms.map(async (platform) => {
      const onUpdateError = (reason: string) => metrics.updateErrors.inc({ platform, reason });
      const adapter = await startPlatform(platform, { config, router, log, onUpdateError });
      adapters.push(adapter);
      if (lifecycle.stopping) {
        // It came up after shutdown began (another platform failed): stop it again.
        await adapter.stop();
        return;
      }
      running.set(platform, adapter);
      metrics.track(platform);
      daily.attach(adapter);
      rounds.attach(adapter);
    }),
  );
}

/** Starts everything the configuration asks for; resolves once running. @throws StartupError */
export async function runService(config: Config, o: { log: Logger; lifecycle: Lifecycle }): Promise<void> {
  const { log, lifecycle } = o;
  const metrics = createMetrics();
  lifecycle.onRecovered(() => metrics.unhandledRejections.inc());
  const opened = await open(config, log);
  lifecycle.defer('close the database', () => opened.store.close(), { onCrash: true });
  const reports = await serviceReports(config, opened, lifecycle);
  if (opened.sqlite) {
    const also: AlsoBackedUp = reportsBackedUp(reports);
    const backups = backupOnSignal(opened.sqlite, join(config.dataDir, 'backups'), log, process, also);
    lifecycle.defer('finish a running backup', () => backups.stop());
  }
  const { router, daily, rounds } = await buildApp({
    store: opened.store,
    reports,
    log,
    timezone: config.timezone,
    metrics,
    ...(opened.lease ? { lease: opened.lease } : {}),
  });

  const checks: HealthCheck[] = [storeCheck(opened)];
  const server = await serveHealth(config, { checks, metrics, log, lifecycle });

  // Stopped in reverse: the scheduler first (its sends need the adapters), then the adapters.
  const adapters: RunningAdapter[] = [];
  forwardReports(config, router.services, adapters);
  lifecycle.defer('stop the adapters', () => Promise.allSettled(adapters.map((a) => a.stop())));
  lifecycle.defer('stop the daily scheduler', () => daily.stop());
  await daily.start();
  lifecycle.defer('stop the group rounds', () => rounds.stop());
  rounds.start();

  // Platforms start side by side: one that cannot reach its API yet does not hold up the other, and
  // each gets daily posts (a late one catches up) as soon as it serves.
  const platforms = (['discord', 'telegram'] as const).filter((p) => config[p] !== undefined);
  await startPlatforms(platforms, {
    config,
    router,
    daily,
    rounds,
    log,
    lifecycle,
    metrics,
    checks,
    adapters,
  });

  log.info(
    {
      platforms,
      store: opened.kind,
      file: opened.sqlite?.file,
      timezone: daily.defaultTimezone,
      healthPort: server?.port,
    },
    'dlkb started',
  );
}
