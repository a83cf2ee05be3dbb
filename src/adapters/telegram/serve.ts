/**
 * How updates reach the bot: long polling with @grammyjs/runner (concurrent, sequential per chat by the
 * bot's middleware), or a webhook on a node:http server (grammY's `webhookCallback`, checking the secret
 * token). Both track the updates in flight so `stop()` can wait for them.
 */
import { createServer, type Server } from 'node:http';
import { run } from '@grammyjs/runner';
import { type Bot, BotError, webhookCallback } from 'grammy';
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
  // Member status changes, where the bot is an admin: they drop cached admin checks at once.
  'chat_member',
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

async function reportFailure(bot: Bot, log: Logger, error: unknown): Promise<void> {
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

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Serves the webhook on a port and registers it with Telegram, with the secret token. */
export async function startWebhook(
  bot: Bot,
  inflight: InFlight,
  log: Logger,
  webhook: { url: string; port: number; secret: string },
): Promise<Serving> {
  const callback = webhookCallback(bot, 'http', {
    secretToken: webhook.secret,
    // Telegram resends an update that is not answered in time; answer and keep working instead.
    onTimeout: 'return',
    timeoutMilliseconds: 8_000,
  });
  const path = new URL(webhook.url).pathname;
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || (path !== '/' && url !== path)) {
      res.writeHead(404).end();
      return;
    }
    void inflight.track(async () => {
      try {
        await callback(req, res);
      } catch (error) {
        await reportFailure(bot, log, error);
        if (!res.headersSent) res.writeHead(error instanceof BotError ? 200 : 400);
        res.end();
      }
    });
  });
  await listen(server, webhook.port);
  try {
    await bot.api.setWebhook(webhook.url, {
      secret_token: webhook.secret,
      allowed_updates: [...ALLOWED_UPDATES],
    });
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    healthy: () => server.listening,
    stop: async () => {
      server.close();
      server.closeIdleConnections();
    },
    close: async () => {
      server.closeAllConnections();
    },
  };
}
