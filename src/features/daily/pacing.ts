/**
 * The part of exactly-once delivery every sender shares (the daily question, reminders): a send waits for
 * a slot of its platform's lane (the platform's `SendLimits`), and a failed send is classified into what
 * happens next. `rate-limited` pauses the whole lane and retries; `transient` (proven not delivered)
 * retries with exponential backoff; `ambiguous` (it may have arrived) and `gone` are never retried.
 * Retries due soon wait in process (a retry keeps its turn at the front of the lane); later ones are left
 * to a later tick. Recording a send before it goes out, and its outcome after, is the caller's.
 */
import type { Platform } from '../../kernel/context.ts';
import { DeliveryError, type DeliveryFailure, type Outbox } from '../../kernel/outbox.ts';
import type { Lane, Release } from './lane.ts';

/** How failed sends are retried. */
export interface RetryPolicy {
  /** Tries of a send that keeps failing transiently before giving up for the day. */
  maxAttempts: number;
  /** The first backoff; each next one doubles, up to `maxMs`. */
  baseMs: number;
  maxMs: number;
  /** Retries due sooner than this wait in process; later ones are picked up by a later tick. */
  inProcessMs: number;
  /** A send still running after this long frees its lane slot (it may still finish and be recorded). */
  slotHoldMs: number;
}

/** The default retry policy: 2 s, 4 s, 8 s, 16 s, 32 s, then give up. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseMs: 2000,
  maxMs: 5 * 60_000,
  inProcessMs: 60_000,
  slotHoldMs: 60_000,
};

/** What a paced send needs from the scheduler that runs it. */
export interface PaceEnv {
  now(): number;
  outbox(platform: Platform): Outbox | undefined;
  lane(platform: Platform): Lane;
  retry: RetryPolicy;
  /** Waits; resolves false (at once) when the scheduler stops. */
  sleep(ms: number): Promise<boolean>;
}

/**
 * Another feature's sends (reminders), run by this scheduler: on its start, on its tick, through the
 * same lanes, so every send to a platform shares the platform's limits.
 */
export interface SendSource {
  /** Once, before its first tick: marks its sends a previous process left unfinished as never repeated. */
  recover(now: number): void;
  /** Finds and runs what is due now through `env`; resolves when those sends have ended. */
  tick(env: PaceEnv): Promise<void>;
}

/** A failed send, classified: what failed, a short text for the record, and when to retry (null: never). */
export interface Failed {
  failure: DeliveryFailure | 'error';
  text: string;
  retryAt: number | null;
}

function backoff(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Classifies a failed send (its `attempts`-th try) and, when the platform said "too many requests",
 * pauses the platform's lane for everyone.
 */
export function classifyFailure(env: PaceEnv, platform: Platform, attempts: number, error: unknown): Failed {
  const now = env.now();
  const failure: DeliveryFailure | 'error' = error instanceof DeliveryError ? error.kind : 'error';
  const text = `${failure}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
  let retryAt: number | null = null;
  if (failure === 'rate-limited' && error instanceof DeliveryError) {
    const wait = error.retryAfterMs ?? 1000;
    env.lane(platform).pauseFor(wait);
    retryAt = now + wait;
  } else if (failure === 'transient' && attempts < env.retry.maxAttempts) {
    retryAt = now + backoff(env.retry, attempts);
  }
  return { failure, text, retryAt };
}

/** Why a paced send did not run. */
export type NotRun = 'no-outbox' | 'stopped';

/**
 * Runs `attempt` in a slot of the platform's lane, again (at the front of the lane) while `retryAt` of
 * its outcome is soon; resolves to the last outcome, or why it could not run. `attempt` never throws for
 * a send failure (it records it and returns an outcome).
 */
export async function paced<O>(
  env: PaceEnv,
  platform: Platform,
  attempt: (outbox: Outbox) => Promise<O>,
  retryAt: (outcome: O) => number | null,
): Promise<O | NotRun> {
  let front = false;
  for (;;) {
    const outbox = env.outbox(platform);
    if (!outbox) return 'no-outbox';
    let release: Release;
    try {
      release = await env.lane(platform).acquire({ front });
    } catch {
      return 'stopped';
    }
    const hold = setTimeout(release, env.retry.slotHoldMs);
    let outcome: O;
    try {
      outcome = await attempt(outbox);
    } finally {
      clearTimeout(hold);
      release();
    }
    const at = retryAt(outcome);
    if (at === null) return outcome;
    const wait = at - env.now();
    if (wait > env.retry.inProcessMs || !(await env.sleep(wait))) return outcome;
    front = true;
  }
}

/** Waits that a stop cuts short: each resolves true when its time is up, false when woken by `wakeAll`. */
export class Sleepers {
  readonly #wakers = new Set<() => void>();
  #stopped = false;

  /** Waits `ms`; false at once after `wakeAll`. */
  sleep(ms: number): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.#wakers.delete(wake);
        resolve(true);
      }, ms);
      this.#wakers.add(wake);
    });
  }

  /** Wakes every wait (they resolve false), and every later one at once. */
  wakeAll(): void {
    this.#stopped = true;
    for (const wake of [...this.#wakers]) wake();
  }
}
