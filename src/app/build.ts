/**
 * Builds what the process serves: the shared services with the daily scheduler (`services.daily`, in the
 * configured time zone, counted by the metrics), every command, and the metrics observer on the router.
 */

import { EX_CONFIG } from '../config.ts';
import { DailyConfigError, type DailyScheduler } from '../features/daily/scheduler.ts';
import type { Store } from '../features/parts.ts';
import type { ReportStore } from '../features/reports/store.ts';
import type { RoundRunner } from '../features/round/runner.ts';
import type { Services } from '../kernel/context.ts';
import type { Lease } from '../kernel/lease.ts';
import { loadCommands } from '../kernel/load-commands.ts';
import type { Logger } from '../kernel/log.ts';
import type { Metrics } from '../ops/metrics.ts';
import { StartupError } from '../ops/startup-error.ts';
import { Router } from './router.ts';
import { createServices } from './services.ts';

/** The router and the (not yet started) scheduler and round runner. */
export interface App {
  router: Router;
  daily: DailyScheduler;
  rounds: RoundRunner;
}

function services(o: {
  store: Store;
  reports?: ReportStore;
  log: Logger;
  timezone: string;
  metrics?: Metrics;
  lease?: Lease;
}): Services {
  const metrics = o.metrics;
  try {
    return createServices({
      store: o.store,
      ...(o.reports ? { reports: o.reports } : {}),
      log: o.log,
      daily: {
        defaultTimezone: o.timezone,
        ...(o.lease ? { lease: o.lease } : {}),
        ...(metrics ? { onDelivery: (e) => metrics.observeDelivery(e) } : {}),
      },
    });
  } catch (error) {
    if (error instanceof DailyConfigError) throw new StartupError(error.message, EX_CONFIG, { cause: error });
    throw error;
  }
}

/**
 * Loads the knowledge base and the commands; `metrics` (optional) counts what is served and posted.
 * @throws StartupError (exit 78) when the scheduler refuses the time zone
 */
export async function buildApp(o: {
  store: Store;
  /** The reports part's store (default: in memory). */
  reports?: ReportStore;
  log: Logger;
  timezone: string;
  metrics?: Metrics;
  /** The fan-out lease replicas share (PostgreSQL); default: this process sends alone. */
  lease?: Lease;
}): Promise<App> {
  const s = services(o);
  const daily = s.daily;
  const rounds = s.rounds;
  if (!daily || !rounds) throw new StartupError('the daily scheduler or round runner was not created', 1);
  const commands = await loadCommands();
  const metrics = o.metrics;
  if (metrics) s.onWriteSkipped = (write) => metrics.writesSkipped.inc({ write });
  const router = new Router(commands, s, metrics ? { onServed: (e) => metrics.observeServed(e) } : {});
  return { router, daily, rounds };
}
