/** Wires the core together: knowledge, search index, store, logger and the router over `commands/`. */
import type { Services } from './core/context.ts';
import { createDailyScheduler, type DailyOptions } from './core/daily/scheduler.ts';
import { loadKnowledge } from './core/knowledge/load.ts';
import { loadCommands } from './core/load-commands.ts';
import { type Logger, silentLogger } from './core/log.ts';
import { Router } from './core/router.ts';
import { SearchIndex } from './core/search/index.ts';
import { MemoryStore } from './core/store/memory.ts';
import type { Store } from './core/store/store.ts';

export interface AppOptions {
  knowledgeDir?: string;
  commandsDir?: string;
  store?: Store;
  log?: Logger;
  now?: () => Date;
  random?: () => number;
  /**
   * Creates the daily scheduler as `services.daily` with these options (its services, log and clock are
   * the ones built here). Attach outboxes and `start()` it once the platforms run.
   */
  daily?: Omit<DailyOptions, 'services' | 'log'>;
}

/** Loads the knowledge base and builds every shared service. */
export function createServices(options: AppOptions = {}): Services {
  const kb = loadKnowledge(options.knowledgeDir);
  const services: Services = {
    kb,
    search: SearchIndex.of(kb),
    store: options.store ?? new MemoryStore(),
    log: options.log ?? silentLogger(),
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
  };
  if (options.daily) services.daily = createDailyScheduler({ ...options.daily, services, log: services.log });
  return services;
}

/** Creates the router over the commands folder. */
export async function createRouter(options: AppOptions = {}): Promise<Router> {
  const services = createServices(options);
  return new Router(await loadCommands(options.commandsDir), services);
}
