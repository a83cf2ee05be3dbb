/**
 * What the daily scheduler is to the rest of the app: its interface, its options and what it reports
 * (implemented in `scheduler.ts`).
 */
import type { Platform, Services } from '../../kernel/context.ts';
import type { Lease } from '../../kernel/lease.ts';
import type { Logger } from '../../kernel/log.ts';
import type { MemberRoles, Outbox } from '../../kernel/outbox.ts';
import type { Job, Outcome } from './deliver.ts';
import type { ChatDirectory } from './directory.ts';
import type { LaneLimits } from './lane.ts';
import type { RetryPolicy, SendSource } from './pacing.ts';

/** A delivery's end in this process, for metrics. */
export interface DeliveryEvent {
  platform: Platform;
  kind: Job['kind'];
  outcome: Outcome['status'];
}

/** What a tick did. */
export interface TickReport {
  /** Jobs handed to the lanes by this tick. */
  queued: number;
  /** How they ended (resolved when every one of them has). */
  outcomes: Outcome[];
}

/** The daily question's scheduler, reachable by commands as `ctx.services.daily`. */
export interface DailyScheduler {
  /** The time zone of new subscriptions (`DLKB_TIMEZONE`, else Asia/Shanghai). */
  readonly defaultTimezone: string;
  /** Lets the scheduler post to a platform; a later call for the same platform replaces it. */
  attach(outbox: Outbox): void;
  /** Runs a source's sends on this scheduler's ticks and lanes (recovered at once when already started). */
  add(source: SendSource): void;
  /** True when it can send to the platform (an outbox is attached). */
  serves(platform: Platform): boolean;
  /**
   * True when this process runs the timed work that one replica does for all (closing questions'
   * edits): always alone on its store; with a lease, while it held it at its last tick.
   */
  readonly leading: boolean;
  /** The chat directory of a platform, when its outbox offers one (Telegram: naming a channel). */
  directory(platform: Platform): ChatDirectory | undefined;
  /** The member-role capability of a platform's outbox, when it has one (Discord). */
  roles(platform: Platform): (Outbox & MemberRoles) | undefined;
  /** Marks unfinished sends of a previous run `unknown`, runs the catch-up tick, then ticks every minute. */
  start(): Promise<void>;
  /** Stops ticking, cancels waiting retries and waits (at most `stopTimeoutMs`) for sends in flight. */
  stop(): Promise<void>;
  /** Finds and queues what is due now; resolves when those jobs have ended (tests, benchmarks). */
  tick(): Promise<TickReport>;
  /** Posts the chat's next question now (`/daily now`), outside its schedule. */
  postNow(chatKey: string): Promise<Outcome>;
  /** Resolves when no job is running or waiting. */
  idle(): Promise<void>;
}

/** Options of `createDailyScheduler`. */
export interface DailyOptions {
  services: Services;
  log: Logger;
  /** The clock; default `services.now`. */
  now?: () => Date;
  /** Default time zone of new subscriptions; must be an IANA zone. */
  defaultTimezone?: string;
  /** Send limits, per platform, over the ones its outbox declares. */
  lanes?: Partial<Record<Platform, Partial<LaneLimits>>>;
  retry?: Partial<RetryPolicy>;
  /** Longest wait in `stop` for sends in flight. Default 10 s. */
  stopTimeoutMs?: number;
  /** Called when a delivery ends (metrics); must not throw. */
  onDelivery?: (event: DeliveryEvent) => void;
  /** The cron expression of the tick. Default every minute. */
  cron?: string;
  /** The fan-out lease shared with other replicas (default: held alone, as on SQLite). */
  lease?: Lease;
  /**
   * With a lease, how often a replica that does not hold it asks for it between ticks, so a dead
   * holder's work is taken over within this long rather than at the next minute. Default 10 s.
   */
  leaseWatchMs?: number;
}
