/**
 * How updates reach the bot: long polling with @grammyjs/runner (concurrent, sequential per chat by the
 * bot's middleware), or a webhook (`webhook.ts`). Both track the updates in flight so `stop()` can wait
 * for them, and hand every failure to the bot's error handler.
 */
import { run } from '@grammyjs/runner';
import { type Api, type Bot, BotError, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../kernel/log.ts';
import { safeError } from './errors.ts';

/** The update types the bot asks Telegram for. */
export const ALLOWED_UPDATES = [
  'message',
  'channel_post',
  'callback_query',
  // Answers of the quiz polls the bot posts (who chose what: scored like a button press).
  'poll_answer',
  'inline_query',
  'my_chat_member',
  // Member status changes, where the bot is an admin: they drop cached admin checks at once.
  'chat_member',
] as const;

/** How long requests and polls may take, and how long a failed poll waits at most before the next. */
export interface Timing {
  /** Telegram holds an empty getUpdates this long (seconds). Default 30. */
  longPollSeconds: number;
  /** Every request is given up this long after the long poll would have ended (seconds). Default 5. */
  requestMarginSeconds: number;
  /** The wait between failed polls doubles from 100 ms up to this (ms). Default 5000. */
  retryCapMs: number;
}

/** The defaults: a 30 s long poll, 35 s per request, at most 5 s between failed polls. */
export const TIMING: Timing = { longPollSeconds: 30, requestMarginSeconds: 5, retryCapMs: 5_000 };

/** The timeout of every Bot API request: a little above the long poll. */
export function requestTimeoutSeconds(timing: Timing): number {
  return timing.longPollSeconds + timing.requestMarginSeconds;
}

/** A way of receiving updates, started. */
export interface Serving {
  healthy(): boolean;
  /** Why it is not healthy (null when it is). */
  problem(): string | null;
  /** Stops taking new updates (in-flight ones keep running). */
  stop(): Promise<void>;
  /** Releases what is left (open connections) once in-flight updates are done. */
  close(): Promise<void>;
}

/** Counts the updates being handled, and waits for none. */
export class InFlight {
  #count = 0;
  #waiters: (() => void)[] = [];

  /** Updates being handled now. */
  get size(): number {
    return this.#count;
  }

  /** Runs a task, counted. */
  async track<T>(task: () => Promise<T>): Promise<T> {
    this.#count++;
    try {
      return await task();
    } finally {
      this.#count--;
      if (this.#count === 0) for (const wake of this.#waiters.splice(0)) wake();
    }
  }

  /** Resolves true once nothing is in flight, or false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/** Handles one update; a middleware error goes to the bot's error handler, so it never escapes. */
function handle(bot: Bot, inflight: InFlight, log: Logger, update: Update): Promise<void> {
  return inflight.track(async () => {
    try {
      await bot.handleUpdate(update);
    } catch (error) {
      await reportFailure(bot, log, error);
    }
  });
}

/** Hands a failure to the bot's error handler (a BotError) or logs it; never throws. */
export async function reportFailure(bot: Bot, log: Logger, error: unknown): Promise<void> {
  try {
    if (error instanceof BotError) await bot.errorHandler(error);
    else log.error({ error: safeError(error) }, 'telegram update could not be handled');
  } catch (inner) {
    log.error({ error: safeError(inner) }, 'telegram error handler failed');
  }
}

/** The abort signal grammY's `getUpdates` takes (and the runner hands out). */
type PollSignal = NonNullable<Parameters<Api['getUpdates']>[1]>;

/** Waits `ms`, or less when the signal aborts. */
function pause(ms: number, signal: PollSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Why polling cannot start: another process polls the token. Logged once by the caller, exit 1. */
export const POLLING_CONFLICT =
  'another dlkb (or bot) is already polling this token; run one poller, or use webhook mode (TELEGRAM_WEBHOOK_URL) for replicas';

/** The first poll waits at most this long (seconds), so a poller already there shows up at start. */
export const FIRST_POLL_SECONDS = 2;

/** Conflicts in a row after which a running poller reports itself unhealthy (one is a newcomer's try). */
const CONFLICTS_UNHEALTHY = 3;

/** Telegram's 409 for a second poller: a newer getUpdates ended ours ("terminated by other getUpdates"). */
function pollerConflict(error: unknown): boolean {
  return (
    error instanceof GrammyError && error.error_code === 409 && !/webhook/i.test(error.description ?? '')
  );
}

/** 401 (token revoked) and 409 for a webhook set meanwhile (another dlkb in webhook mode) end polling. */
function unrecoverable(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    (error.error_code === 401 || (error.error_code === 409 && !pollerConflict(error)))
  );
}

/**
 * Starts long polling, and resolves once the first poll answered. Drops a webhook first (Telegram refuses
 * getUpdates while one is set).
 *
 * Telegram serves one poller per token: a newer getUpdates ends the one it holds with 409. So the first
 * poll is short (`FIRST_POLL_SECONDS`): a poller already running is ended by it, polls again at once and
 * ends ours, and the start fails with `POLLING_CONFLICT` instead of the two taking turns. Once running, a
 * 409 means a newcomer tried: polling goes on (the newcomer then sees its own 409 and gives up), and
 * only repeated conflicts (a poller that does not give up) make it unhealthy.
 *
 * A failed poll is logged and retried after a wait doubling from 100 ms up to `retryCapMs` (or
 * Telegram's `retry_after`), for as long as it takes; only 401 and a webhook's 409 stop polling. Each
 * request is given up after the request timeout (the client's), so an answer that hangs or is cut only
 * costs that long.
 * @throws Error with `POLLING_CONFLICT` when another process polls the token, or the first poll's 401
 */
export async function startPolling(
  bot: Bot,
  inflight: InFlight,
  log: Logger,
  timing: Timing = TIMING,
): Promise<Serving> {
  await bot.api.deleteWebhook();
  let lastAnswer = Date.now();
  let failures = 0;
  let conflicts = 0;
  let started = false;
  let ready: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const firstAnswer = new Promise<void>((resolve, reject) => {
    ready = { resolve, reject };
  });
  const getUpdates = async (args: { offset: number; limit: number; timeout: number }, signal: PollSignal) => {
    for (let wait = 100; ; wait = Math.min(wait * 2, timing.retryCapMs)) {
      const timeout = started ? args.timeout : Math.min(args.timeout, FIRST_POLL_SECONDS);
      try {
        const updates = await bot.api.getUpdates(
          { ...args, timeout, allowed_updates: [...ALLOWED_UPDATES] },
          signal,
        );
        lastAnswer = Date.now();
        failures = 0;
        conflicts = 0;
        started = true;
        ready?.resolve();
        return updates;
      } catch (error) {
        if (signal.aborted) throw error;
        failures++;
        if (!started && (pollerConflict(error) || unrecoverable(error))) {
          ready?.reject(pollerConflict(error) ? new Error(POLLING_CONFLICT) : error);
          throw error;
        }
        // Any other first answer (an outage) does not hold up the start: polling retries as before.
        started = true;
        ready?.resolve();
        if (unrecoverable(error)) throw error;
        const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
        const next = typeof retryAfter === 'number' ? retryAfter * 1000 : wait;
        if (pollerConflict(error)) {
          conflicts++;
          log.warn(
            { attempt: conflicts, retryInMs: next },
            'telegram getUpdates: another process polled this token (409); polling on, it should give up',
          );
        } else
          log.warn(
            { error: safeError(error), attempt: failures, retryInMs: next },
            'telegram getUpdates failed',
          );
        await pause(next, signal);
        if (signal.aborted) throw error;
      }
    }
  };
  const runner = run<Update, unknown>(
    {
      handleUpdate: (update) => handle(bot, inflight, log, update),
      errorHandler: (error) => reportFailure(bot, log, error),
      api: { getUpdates },
    },
    { runner: { silent: true, fetch: { timeout: timing.longPollSeconds } }, sink: { concurrency: 500 } },
  );
  runner.task()?.catch((error: unknown) => {
    // A failed start is reported once, by the caller.
    if (!started) {
      ready?.reject(error);
      return;
    }
    log.error(
      { error: safeError(error) },
      'telegram polling stopped (token revoked, or a webhook was set for this token)',
    );
  });
  try {
    await firstAnswer;
  } catch (error) {
    if (runner.isRunning()) await runner.stop();
    throw error;
  }
  // A poll answers within the long poll; give up on it after the request timeout and one capped wait.
  const staleMs = requestTimeoutSeconds(timing) * 1000 + timing.retryCapMs;
  const problem = () => {
    if (!runner.isRunning()) return 'polling stopped';
    if (conflicts >= CONFLICTS_UNHEALTHY)
      return `another process keeps polling this token (${conflicts} conflicts in a row)`;
    const silentMs = Date.now() - lastAnswer;
    if (silentMs <= staleMs) return null;
    return `polling stalled: no getUpdates answer for ${Math.round(silentMs / 1000)} s (${failures} failed)`;
  };
  return {
    healthy: () => problem() === null,
    problem,
    stop: async () => {
      if (runner.isRunning()) await runner.stop();
    },
    close: async () => {},
  };
}
