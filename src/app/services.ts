/** Wires the core together: knowledge, search index, store, logger and the router over `commands/`. */

import { recordDailyRating } from '../features/daily/ratings.ts';
import { createDailyScheduler, type DailyOptions } from '../features/daily/scheduler.ts';
import { loadKnowledge } from '../features/knowledge/load.ts';
import { LINK_ATTEMPTS } from '../features/link/link.ts';
import type { PollStore } from '../features/mcq/polls.ts';
import type { Store } from '../features/parts.ts';
import { reminderNotice } from '../features/remind/notice.ts';
import { reminderSource } from '../features/remind/runner.ts';
import { reportsPart } from '../features/reports/part.ts';
import type { ReportStore } from '../features/reports/store.ts';
import type { KeyPointStore } from '../features/review/points-store.ts';
import { createRoundRunner, type RoundOptions } from '../features/round/runner.ts';
import { markReviewDay } from '../features/scores/activity.ts';
import type { AnswerStore } from '../features/scores/store.ts';
import { FollowUpIndex } from '../features/search/followup-index.ts';
import { SearchIndex } from '../features/search/index.ts';
import { firstDelivery } from '../features/updates/once.ts';
import type { Services } from '../kernel/context.ts';
import { loadCommands } from '../kernel/load-commands.ts';
import { type Logger, silentLogger } from '../kernel/log.ts';
import { RateLimiter, type RateLimiterOptions } from '../kernel/rate-limit.ts';
import { Router } from './router.ts';
import { memoryAppStore } from './store.ts';

/** The read-only knowledge the services search: the knowledge base and its two indexes. */
export type Knowledge = Pick<Services, 'kb' | 'search' | 'followUps'>;

/** Loads the knowledge base (from `knowledgeDir`, default `knowledge/`) and builds its indexes. */
export function loadIndexedKnowledge(knowledgeDir?: string): Knowledge {
  const kb = loadKnowledge(knowledgeDir);
  return { kb, search: SearchIndex.of(kb), followUps: new FollowUpIndex(kb) };
}

export interface AppOptions {
  knowledgeDir?: string;
  /**
   * Knowledge loaded and indexed already (`loadIndexedKnowledge`), shared because it is read-only: tests
   * build many apps over one. Default: loaded from `knowledgeDir`.
   */
  knowledge?: Knowledge;
  commandsDir?: string;
  /** The database (default: every feature's part in memory). */
  store?: Store;
  /** The answers part's store (default: the store's, `store.answers`). */
  scores?: AnswerStore;
  /** The polls part's store (default: the store's, `store.polls`). */
  polls?: PollStore;
  /** The key-point part's store (default: the store's, `store.keyPoints`). */
  keyPoints?: KeyPointStore;
  /** The reports part's store (default: in memory). */
  reports?: ReportStore;
  log?: Logger;
  now?: () => Date;
  /** How often `/link CODE` may be tried per account (default `LINK_ATTEMPTS`). */
  linkAttempts?: Omit<RateLimiterOptions, 'now'>;
  random?: () => number;
  /**
   * Creates the daily scheduler as `services.daily` with these options (its services, log and clock are
   * the ones built here). Attach outboxes and `start()` it once the platforms run.
   */
  daily?: Omit<DailyOptions, 'services' | 'log'>;
  /** Options of the group rounds' runner (`services.rounds`, always created; attach outboxes and start it). */
  rounds?: Omit<RoundOptions, 'services' | 'log'>;
}

/** Loads the knowledge base and builds every shared service. */
export function createServices(options: AppOptions = {}): Services {
  const knowledge = options.knowledge ?? loadIndexedKnowledge(options.knowledgeDir);
  const store = options.store ?? memoryAppStore();
  const now = options.now ?? (() => new Date());
  const log = options.log ?? silentLogger();
  const services: Services = {
    ...knowledge,
    store,
    scores: options.scores ?? store.answers,
    polls: options.polls ?? store.polls,
    keyPoints: options.keyPoints ?? store.keyPoints,
    reports: options.reports ?? reportsPart.memory(),
    log,
    now,
    random: options.random ?? Math.random,
    linkAttempts: new RateLimiter({ ...(options.linkAttempts ?? LINK_ATTEMPTS), now: () => now().getTime() }),
    firstDelivery: firstDelivery({ claims: store.updates, log }),
  };
  const reviewDay = markReviewDay(services);
  const dailyRating = recordDailyRating(services);
  services.onReviewed = async (event) => {
    await reviewDay(event);
    await dailyRating(event);
  };
  services.rounds = createRoundRunner({ ...options.rounds, services, log: services.log });
  services.notice = reminderNotice(services);
  if (options.daily) {
    services.daily = createDailyScheduler({ ...options.daily, services, log: services.log });
    // Reminders go out on the daily scheduler's ticks, through the same paced lanes.
    services.daily.add(reminderSource(services, services.log));
  }
  return services;
}

/** Creates the router over the commands folder. */
export async function createRouter(options: AppOptions = {}): Promise<Router> {
  const services = createServices(options);
  return new Router(await loadCommands(options.commandsDir), services);
}
