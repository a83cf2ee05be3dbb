/**
 * The daily scheduler. A node-cron task ticks once a minute; each tick finds the posts that are due
 * (today's local time has come, nothing recorded for today), the reveals that are due and the retries
 * that are due, and hands them to the platform's lane, which runs them concurrently within the
 * platform's limits. A tick never waits for the sends, so a slow or failing chat delays no one, and a
 * job already running is never queued twice. `start` first marks the sends a previous process left
 * unfinished as `unknown` (never re-sent), then runs a tick at once: the catch-up of posts missed while
 * the bot was down, as long as their local day has not ended.
 */

import { schedule as cronTask, type ScheduledTask } from 'node-cron';
import type { Platform } from '../../kernel/context.ts';
import { SOLE_LEASE } from '../../kernel/lease.ts';
import { hasMemberRoles, type MemberRoles, type Outbox } from '../../kernel/outbox.ts';
import { within } from '../../kernel/wait.ts';
import { deliver, type Job, type Outcome } from './deliver.ts';
import { type ChatDirectory, hasDirectory } from './directory.ts';
import { dueJobs } from './due.ts';
import { markInterrupted } from './interrupted.ts';
import { Lane, type LaneLimits } from './lane.ts';
import { Leadership } from './leadership.ts';
import { DEFAULT_RETRY, type PaceEnv, type RetryPolicy, type SendSource, Sleepers } from './pacing.ts';
import type { DailyOptions, DailyScheduler, TickReport } from './scheduler-api.ts';
import { deliveryId } from './store.ts';
import { canonicalZone, DEFAULT_TIMEZONE } from './time.ts';

export type { DailyOptions, DailyScheduler, DeliveryEvent, TickReport } from './scheduler-api.ts';
/** The time zone of new subscriptions when neither the admin nor `DLKB_TIMEZONE` names one (kept in `time.ts`). */
export { DEFAULT_TIMEZONE };

/**
 * The pace of an outbox that declares no send limits (each adapter declares its platform's: see
 * `Outbox.sendLimits`): a cautious 25 sends/s.
 */
export const DEFAULT_LANE: Readonly<LaneLimits> = { perSecond: 25, burst: 3, concurrency: 8 };

/** Finished delivery records are kept this long (for `/daily status`), then deleted. */
export const KEEP_DELIVERIES_MS = 35 * 86_400_000;

/** A bad scheduler option (an unknown default time zone): `message` says which and what is accepted. */
export class DailyConfigError extends Error {
  override readonly name = 'DailyConfigError';
}

/** How often a replica without the fan-out lease asks for it between ticks (`DailyOptions.leaseWatchMs`). */
export const LEASE_WATCH_MS = 10_000;

/** How long a replica that takes the fan-out lease waits before its first send (see the constructor). */
export const HANDOVER_QUIET_MS = 1000;

/** Creates the scheduler; nothing runs before `start`. @throws DailyConfigError */
export function createDailyScheduler(options: DailyOptions): DailyScheduler {
  return new Scheduler(options);
}

class Scheduler implements DailyScheduler {
  readonly defaultTimezone: string;
  readonly #o: DailyOptions;
  readonly #outboxes = new Map<Platform, Outbox>();
  readonly #lanes = new Map<Platform, Lane>();
  readonly #running = new Map<string, Promise<Outcome>>();
  /** Ticks reading what is due (their sends are in `#running` and `#sourceTicks`). */
  readonly #ticks = new Set<Promise<unknown>>();
  readonly #sleepers = new Sleepers();
  readonly #sources: SendSource[] = [];
  readonly #sourceTicks = new Set<Promise<void>>();
  readonly #retry: RetryPolicy;
  #minuteTick: ScheduledTask | undefined;
  #leaseWatch: NodeJS.Timeout | undefined;
  #prunedAt = Number.NEGATIVE_INFINITY;
  #started = false;
  readonly #leadership: Leadership;
  #stopped = false;

  constructor(options: DailyOptions) {
    const zone = canonicalZone(options.defaultTimezone ?? DEFAULT_TIMEZONE);
    if (!zone) {
      throw new DailyConfigError(
        `DLKB_TIMEZONE: "${options.defaultTimezone}" is not an IANA time zone; use a name such as Asia/Shanghai, Europe/Berlin or UTC`,
      );
    }
    this.defaultTimezone = zone;
    this.#o = options;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#leadership = new Leadership(options.lease ?? SOLE_LEASE, async () => {
      const now = this.#now();
      await markInterrupted(options.services.store, now, options.log);
      for (const source of this.#sources) source.recover(now);
      // Taken from a replica that may have sent at the full rate a moment ago: one quiet second first,
      // so the platforms' per-second limits see the two holders' sends in different seconds.
      if (options.lease) await this.#sleepers.sleep(HANDOVER_QUIET_MS);
    });
  }

  #now(): number {
    return (this.#o.now ?? this.#o.services.now)().getTime();
  }

  attach(outbox: Outbox): void {
    this.#outboxes.set(outbox.platform, outbox);
    // A platform that connects after start catches up at once rather than at the next minute.
    if (this.#started && !this.#stopped) this.#background();
  }

  add(source: SendSource): void {
    this.#sources.push(source);
    if (this.#leadership.leading) source.recover(this.#now());
  }

  get leading(): boolean {
    return this.#o.lease === undefined || this.#leadership.leading;
  }

  serves(platform: Platform): boolean {
    return this.#outboxes.has(platform);
  }

  directory(platform: Platform): ChatDirectory | undefined {
    const outbox = this.#outboxes.get(platform);
    return outbox && hasDirectory(outbox) ? outbox : undefined;
  }

  roles(platform: Platform): (Outbox & MemberRoles) | undefined {
    const outbox = this.#outboxes.get(platform);
    return outbox && hasMemberRoles(outbox) ? outbox : undefined;
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.#leadership.check();
    this.#background();
    // Between ticks, a replica without the lease asks for it: one whose holder died takes over in seconds.
    if (this.#o.lease)
      this.#leaseWatch = setInterval(() => {
        if (!this.#leadership.leading) this.#background();
      }, this.#o.leaseWatchMs ?? LEASE_WATCH_MS).unref();
    this.#minuteTick = cronTask(this.#o.cron ?? '* * * * *', () => this.#background(), {
      name: 'dlkb-daily',
      logger: {
        info: () => {},
        debug: () => {},
        warn: (message) => this.#o.log.debug({ cron: message }, 'daily: cron'),
        error: (message) => this.#o.log.error({ cron: String(message) }, 'daily: cron'),
      },
    });
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#leaseWatch);
    await this.#minuteTick?.destroy();
    this.#sleepers.wakeAll();
    for (const lane of this.#lanes.values()) lane.close();
    const inFlight = [...this.#ticks, ...this.#running.values(), ...this.#sourceTicks];
    await within(Promise.allSettled(inFlight), this.#o.stopTimeoutMs ?? 10_000, {
      unref: true,
    });
    await this.#leadership.release();
  }

  #background(): void {
    this.tick().catch((error: unknown) => this.#o.log.error({ err: error }, 'daily: tick failed'));
  }

  tick(): Promise<TickReport> {
    if (this.#stopped) return Promise.resolve({ queued: 0, outcomes: [] });
    // Tracked from its first await (reading what is due), so `idle` and `stop` wait for it too.
    const ticking = this.#tick();
    const tracked: Promise<unknown> = ticking.catch(() => {}).finally(() => this.#ticks.delete(tracked));
    this.#ticks.add(tracked);
    return ticking;
  }

  async #tick(): Promise<TickReport> {
    // Another replica holds the lease: it sends the scheduled posts; this one answers commands.
    if (!(await this.#leadership.check())) return { queued: 0, outcomes: [] };
    const now = this.#now();
    await this.#prune(now);
    const jobs = await dueJobs(this.#o.services.store, now, (p) => this.#outboxes.has(p));
    const runs = jobs.map((job) => this.#run(job));
    const sources = this.#sources.map((source) => this.#tickSource(source));
    return Promise.all([Promise.all(runs), ...sources]).then(([outcomes]) => ({
      queued: runs.length,
      outcomes,
    }));
  }

  async postNow(chatKey: string): Promise<Outcome> {
    const sub = await this.#o.services.store.daily.getSubscription(chatKey);
    if (!sub) return { status: 'skipped', reason: 'not-subscribed' };
    if (sub.disabledAt !== null) return { status: 'skipped', reason: 'disabled' };
    if (this.#stopped) return { status: 'skipped', reason: 'stopped' };
    const now = this.#now();
    // Two presses within a millisecond (or under a frozen test clock) still get slots of their own.
    let n = now;
    while (await this.#o.services.store.daily.getDelivery({ chatKey, slot: `now-${n}`, kind: 'post' })) n++;
    return this.#run({ kind: 'post', chatKey, slot: `now-${n}`, platform: sub.platform, dueAt: now });
  }

  async idle(): Promise<void> {
    while (this.#running.size > 0 || this.#sourceTicks.size > 0 || this.#ticks.size > 0)
      await Promise.allSettled([...this.#running.values(), ...this.#sourceTicks, ...this.#ticks]);
  }

  /** A source's tick; a failing one is logged and never stops the others. */
  #tickSource(source: SendSource): Promise<void> {
    const ticking = source
      .tick(this.#paceEnv())
      .catch((error: unknown) => this.#o.log.error({ err: error }, 'daily: a send source failed'))
      .finally(() => this.#sourceTicks.delete(ticking));
    this.#sourceTicks.add(ticking);
    return ticking;
  }

  #paceEnv(): PaceEnv {
    return {
      now: () => this.#now(),
      outbox: (p: Platform) => this.#outboxes.get(p),
      lane: (p: Platform) => this.#lane(p),
      retry: this.#retry,
      sleep: (ms: number) => this.#sleepers.sleep(ms),
    };
  }

  /** Once a day, deletes the records of deliveries finished more than `KEEP_DELIVERIES_MS` ago. */
  async #prune(now: number): Promise<void> {
    if (now - this.#prunedAt < 86_400_000) return;
    this.#prunedAt = now;
    const removed = await this.#o.services.store.daily.pruneDeliveries(now - KEEP_DELIVERIES_MS);
    if (removed > 0) this.#o.log.info({ removed }, 'daily: old delivery records deleted');
  }

  #lane(platform: Platform): Lane {
    let lane = this.#lanes.get(platform);
    if (!lane) {
      const declared = this.#outboxes.get(platform)?.sendLimits ?? DEFAULT_LANE;
      lane = new Lane({ ...declared, ...this.#o.lanes?.[platform] });
      this.#lanes.set(platform, lane);
    }
    return lane;
  }

  #run(job: Job): Promise<Outcome> {
    const id = deliveryId(job);
    const running = this.#running.get(id);
    if (running) return running;
    const env = { ...this.#paceEnv(), services: this.#o.services, log: this.#o.log };
    const promise = deliver(env, job)
      .catch((error: unknown): Outcome => {
        this.#o.log.error({ err: error, chat: job.chatKey, slot: job.slot }, 'daily: delivery failed');
        return { status: 'failed', entryId: '', error: String(error), failure: 'error' };
      })
      .then((outcome) => {
        this.#running.delete(id);
        try {
          this.#o.onDelivery?.({ platform: job.platform, kind: job.kind, outcome: outcome.status });
        } catch {
          // An observer never breaks the scheduler.
        }
        return outcome;
      });
    this.#running.set(id, promise);
    return promise;
  }
}
