/**
 * Starts one platform adapter from the configuration, turning a rejected token into a configuration
 * error (exit 78: a restart will not fix it) and any other failure into a plain startup error (exit 1:
 * the supervisor retries, Discord or Telegram may be back by then).
 */
import { startDiscord } from '../adapters/discord/index.ts';
import { startTelegram } from '../adapters/telegram/index.ts';
import { type Config, EX_CONFIG } from '../config.ts';
import { type Logger, redact } from '../kernel/log.ts';
import type { DeliveryFailure, RunningAdapter } from '../kernel/outbox.ts';
import type { Router } from '../kernel/router.ts';
import { StartupError } from './startup-error.ts';

/** What a platform needs to start. */
export interface PlatformContext {
  config: Config;
  router: Router;
  log: Logger;
  /** Counts an update whose handling failed (Telegram; Discord logs its own). */
  onUpdateError?: (reason: DeliveryFailure) => void;
}

const TOKEN_VARIABLE = { discord: 'DISCORD_TOKEN', telegram: 'TELEGRAM_BOT_TOKEN' } as const;

/** True when an error (or one of its causes) says the platform refused the token. */
export function isTokenRejected(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { code?: unknown; status?: unknown; error_code?: unknown; message?: unknown };
    if (x.code === 'TokenInvalid' || x.status === 401 || x.error_code === 401) return true;
    if (typeof x.message === 'string' && /\b401\b|unauthorized|invalid token/i.test(x.message)) return true;
  }
  return false;
}

/** Starts a platform's adapter and resolves once it serves. @throws StartupError */
export async function startPlatform(
  platform: 'discord' | 'telegram',
  c: PlatformContext,
): Promise<RunningAdapter> {
  const { config, router, log } = c;
  try {
    if (platform === 'discord') {
      const d = config.discord;
      if (!d) throw new Error('discord is not configured');
      return await startDiscord({ router, token: d.token, apiUrl: d.apiUrl, shards: d.shards, log });
    }
    const t = config.telegram;
    if (!t) throw new Error('telegram is not configured');
    const webhook = t.webhook && config.port !== undefined ? { ...t.webhook, port: config.port } : undefined;
    return await startTelegram({
      router,
      token: t.token,
      apiRoot: t.apiRoot,
      log,
      onUpdateError: c.onUpdateError,
      ...(webhook ? { webhook } : {}),
    });
  } catch (error) {
    const reason = redact(error instanceof Error ? error.message : String(error));
    if (isTokenRejected(error)) {
      throw new StartupError(`${TOKEN_VARIABLE[platform]}: rejected by ${platform} (${reason})`, EX_CONFIG, {
        cause: error,
      });
    }
    throw new StartupError(`${platform} did not start: ${reason}`, 1, { cause: error });
  }
}
