/**
 * Prometheus metrics: one registry per process (one per test), the named metrics the bot exports on
 * `GET /metrics`, and the observers that feed them (the router's `onServed`, the scheduler's `onDelivery`).
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { DeliveryEvent } from '../features/daily/scheduler.ts';
import type { Platform } from '../kernel/context.ts';
import type { ServedEvent } from '../kernel/router.ts';

/** The bot's metrics and the registry that renders them. */
export interface Metrics {
  readonly registry: Registry;
  /** `dlkb_commands_total{platform,command,kind,outcome}`: commands and button presses served. */
  readonly commandsServed: Counter<'platform' | 'command' | 'kind' | 'outcome'>;
  /** `dlkb_search_duration_seconds{platform}`: time to answer a `/search`, from input to reply. */
  readonly searchLatency: Histogram<'platform'>;
  /**
   * `dlkb_daily_posts_total{platform,kind,outcome}`: daily deliveries (kind post|reveal|digest) ended in this
   * process: sent, retry (failed, will retry), failed (given up), skipped.
   */
  readonly dailyPosts: Counter<'platform' | 'kind' | 'outcome'>;
  /** `dlkb_reviews_rated_total{platform}`: answers rated for spaced-repetition review (`review:rate` presses). */
  readonly reviewsRated: Counter<'platform'>;
  /** `dlkb_update_errors_total{platform,reason}`: updates whose handling failed (logged, survived). */
  readonly updateErrors: Counter<'platform' | 'reason'>;
  /** `dlkb_unhandled_rejections_total`: promise rejections nothing handled, logged and survived. */
  readonly unhandledRejections: Counter;
  /**
   * `dlkb_store_writes_skipped_total{write}`: writes a reply does not depend on (`quiz-history`) that
   * failed (a full disk) and were skipped while the reply went out.
   */
  readonly writesSkipped: Counter<'write'>;
  /** Feeds the command and search metrics; pass it as the router's `onServed`. */
  observeServed(event: ServedEvent): void;
  /** Feeds the daily metric; pass it as the scheduler's `onDelivery`. */
  observeDelivery(event: DeliveryEvent): void;
  /** Shows a platform's daily and review series at 0 from the start, so rates and alerts work at once. */
  track(platform: Platform): void;
}

/** Search latency buckets in seconds: searches take milliseconds; the tail shows trouble. */
const SEARCH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The bot's own counters and histograms, registered in `registers`. */
function instruments(registers: Registry[]) {
  const commandsServed = new Counter({
    name: 'dlkb_commands_total',
    help: 'Commands and button presses served, by platform, command, kind (invoke|text|press) and outcome (ok|user-error|error).',
    labelNames: ['platform', 'command', 'kind', 'outcome'] as const,
    registers,
  });
  const searchLatency = new Histogram({
    name: 'dlkb_search_duration_seconds',
    help: 'Time to answer a /search, from input to reply, in seconds.',
    labelNames: ['platform'] as const,
    buckets: SEARCH_BUCKETS,
    registers,
  });
  const dailyPosts = new Counter({
    name: 'dlkb_daily_posts_total',
    help: 'Daily question deliveries (kind post|reveal|digest) by outcome: sent, retry (failed, retried later), failed (given up), skipped.',
    labelNames: ['platform', 'kind', 'outcome'] as const,
    registers,
  });
  const reviewsRated = new Counter({
    name: 'dlkb_reviews_rated_total',
    help: 'Review cards rated by learners.',
    labelNames: ['platform'] as const,
    registers,
  });
  const updateErrors = new Counter({
    name: 'dlkb_update_errors_total',
    help: 'Updates whose handling failed (logged, the bot went on), by platform and reason (gone|rate-limited|transient).',
    labelNames: ['platform', 'reason'] as const,
    registers,
  });
  const unhandledRejections = new Counter({
    name: 'dlkb_unhandled_rejections_total',
    help: 'Promise rejections nothing handled that were not fatal: logged, and the bot went on.',
    registers,
  });
  const writesSkipped = new Counter({
    name: 'dlkb_store_writes_skipped_total',
    help: 'Non-essential database writes (write=quiz-history) that failed and were skipped; the reply still went out.',
    labelNames: ['write'] as const,
    registers,
  });
  return {
    commandsServed,
    searchLatency,
    dailyPosts,
    reviewsRated,
    updateErrors,
    unhandledRejections,
    writesSkipped,
  };
}

/** Creates a registry with the bot's metrics and, unless `defaults: false`, Node's process metrics. */
export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults !== false) collectDefaultMetrics({ register: registry });
  const made = instruments([registry]);
  const { commandsServed, searchLatency, dailyPosts, reviewsRated, updateErrors } = made;
  return {
    registry,
    ...made,
    observeServed(event) {
      const { platform, command, kind, outcome } = event;
      commandsServed.inc({ platform, command, kind, outcome });
      if (command === 'search' && kind !== 'press') searchLatency.observe({ platform }, event.ms / 1000);
      if (command === 'review' && event.verb === 'rate' && outcome === 'ok') reviewsRated.inc({ platform });
    },
    observeDelivery({ platform, kind, outcome }) {
      dailyPosts.inc({ platform, kind, outcome });
    },
    track(platform) {
      for (const outcome of ['sent', 'failed']) dailyPosts.inc({ platform, kind: 'post', outcome }, 0);
      reviewsRated.inc({ platform }, 0);
      updateErrors.inc({ platform, reason: 'transient' }, 0);
    },
  };
}
