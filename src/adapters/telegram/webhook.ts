/**
 * The webhook: a node:http server on the configured port and path, with grammY's `webhookCallback`
 * checking the secret token and running the update. Telegram gets its answer within a window (8 s by
 * default) even when the update is still being handled: a late failure is then handled like any other
 * (the bot's error handler), never a promise left to reject; a failed update is answered 200 (it was
 * apologised for), but one being handled by another replica (`StillBeingHandled`) 503, so Telegram
 * resends it later. Bodies over `MAX_BODY_BYTES` are refused with 413 before they are read whole.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Bot, BotError, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../kernel/log.ts';
import { safeError } from './errors.ts';
import { StillBeingHandled } from './once.ts';
import { ALLOWED_UPDATES, type InFlight, reportFailure, type Serving } from './serve.ts';

/** The largest update body read (Telegram's updates are a few kilobytes). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** How long Telegram waits for an answer before it counts the delivery as failed and resends. */
const ANSWER_WITHIN_MS = 8_000;

/** Where and how the webhook listens. */
export interface WebhookOptions {
  /** The public URL registered with Telegram; its path is the one served. */
  url: string;
  port: number;
  secret: string;
  /** Answer Telegram within this long even when the update is still being handled (default 8 s). */
  answerWithinMs?: number;
}

/** A request refused before it reached the bot: too large (413) or not JSON (400). */
class BadRequest extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a JSON body of at most `limit` bytes; rejects with BadRequest (413, 400) otherwise. */
function readJson(req: IncomingMessage, limit: number): Promise<Update> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      reject(new BadRequest(413, `body over ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        req.off('data', onData);
        chunks.length = 0;
        reject(new BadRequest(413, `body over ${limit} bytes`));
      }
    };
    req.on('data', onData);
    req.once('error', reject);
    req.once('end', () => {
      if (size > limit) return;
      try {
        const update: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (typeof update !== 'object' || update === null || !('update_id' in update))
          throw new Error('not an update');
        resolve(update as Update);
      } catch {
        reject(new BadRequest(400, 'body is not a JSON update'));
      }
    });
  });
}

/** grammY's node:http adapter with a bounded body. */
function boundedHttp(limit: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers['x-telegram-bot-api-secret-token'];
    return {
      get update() {
        return readJson(req, limit);
      },
      header: Array.isArray(header) ? header[0] : header,
      end: () => res.end(),
      respond: (json: string) => res.writeHead(200, { 'content-type': 'application/json' }).end(json),
      unauthorized: () => res.writeHead(401).end('secret token is wrong'),
    };
  };
}

/** Ends a response with a status unless it was answered already; a refused body closes the connection. */
function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, status === 413 ? { connection: 'close' } : {}).end();
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
  webhook: WebhookOptions,
): Promise<Serving> {
  // No timeout inside grammY: its timeout leaves the update's promise to reject unobserved.
  const callback = webhookCallback(bot, boundedHttp(MAX_BODY_BYTES), {
    secretToken: webhook.secret,
    timeoutMilliseconds: Number.POSITIVE_INFINITY,
  });
  const windowMs = webhook.answerWithinMs ?? ANSWER_WITHIN_MS;
  const path = new URL(webhook.url).pathname;
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || (path !== '/' && url !== path)) {
      res.writeHead(404).end();
      return;
    }
    // Telegram resends an update that is not answered in time; answer and keep working instead.
    const timer = setTimeout(() => answer(res, 200), windowMs);
    inflight
      .track(async () => {
        try {
          await callback(req, res);
        } catch (error) {
          if (error instanceof BadRequest) {
            log.warn({ status: error.status, reason: error.message }, 'telegram webhook request refused');
            answer(res, error.status);
            return;
          }
          if (error instanceof BotError && error.error instanceof StillBeingHandled) {
            // Not handled and not a failure: Telegram resends it later, when it is done or taken over.
            log.info({ updateId: error.error.updateId }, 'telegram update being handled elsewhere: 503');
            answer(res, 503);
            return;
          }
          await reportFailure(bot, log, error);
          answer(res, 200);
        }
      })
      .catch((error: unknown) => log.error({ error: safeError(error) }, 'telegram webhook request failed'))
      .finally(() => clearTimeout(timer));
  });
  server.on('error', (error) => log.error({ error: safeError(error) }, 'telegram webhook server error'));
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
    problem: () => (server.listening ? null : 'webhook server not listening'),
    stop: async () => {
      server.close();
      server.closeIdleConnections();
    },
    close: async () => {
      server.closeAllConnections();
    },
  };
}
