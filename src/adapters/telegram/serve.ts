/**
 * How updates reach the bot: long polling with @grammyjs/runner (concurrent, sequential per chat by the
 * bot's middleware), or a webhook (`webhook.ts`). Both track the updates in flight so `stop()` can wait
 * for them, and hand every failure to the bot's error handler.
 */
import { run } from '@grammyjs/runner';
import { type Bot, BotError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../core/log.ts';
import { safeError } from './errors.ts';

/** The update types the bot asks Telegram for. */
export const ALLOWED_UPDATES = [
  'message',
  'channel_post',
  'callback_query',
  'inline_query',
  'my_chat_member',
] as const;

/** A way of receiving updates, started. */
export interface Serving {
  healthy(): boolean;
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

/** Starts long polling. Drops a webhook first (Telegram refuses getUpdates while one is set). */
export async function startPolling(bot: Bot, inflight: InFlight, log: Logger): Promise<Serving> {
  await bot.api.deleteWebhook();
  const runner = run<Update, unknown>(
    {
      handleUpdate: (update) => handle(bot, inflight, log, update),
      errorHandler: (error) => reportFailure(bot, log, error),
      api: {
        getUpdates: async (args, signal) => {
          try {
            return await bot.api.getUpdates({ ...args, allowed_updates: [...ALLOWED_UPDATES] }, signal);
          } catch (error) {
            if (!signal.aborted) log.warn({ error: safeError(error) }, 'telegram getUpdates failed');
            throw error;
          }
        },
      },
    },
    { runner: { silent: true, fetch: { timeout: 30 } }, sink: { concurrency: 500 } },
  );
  runner.task()?.catch((error: unknown) => {
    log.error(
      { error: safeError(error) },
      'telegram polling stopped (bad token, or another instance polling)',
    );
  });
  return {
    healthy: () => runner.isRunning(),
    stop: async () => {
      if (runner.isRunning()) await runner.stop();
    },
    close: async () => {},
  };
}
