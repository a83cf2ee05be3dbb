/**
 * Configuration: the one place environment variables are read. `loadConfig` merges a `.env` file (when
 * present; the real environment wins) with `process.env`, validates every variable with zod, and turns
 * the first problem into a `ConfigError` that names the variable and says what is expected. Token values
 * never appear in an error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/** The exit code of a configuration error (`EX_CONFIG` of sysexits.h); systemd is told not to restart on it. */
export const EX_CONFIG = 78;

/** The pino levels `LOG_LEVEL` accepts. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One of the pino levels. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The validated configuration. A platform is present when its token is set. */
export interface Config {
  discord?: { token: string; apiUrl: string; applicationId?: string };
  telegram?: {
    token: string;
    /** Bot API root without a trailing slash. */
    apiRoot: string;
    /** Webhook mode (instead of long polling); `secret` is derived from the token when not set. */
    webhook?: { url: string; secret: string };
  };
  /** `PORT`: the Telegram webhook's port, and health and metrics' unless `healthPort` says otherwise. */
  port?: number;
  /**
   * Where /healthz and /metrics listen: `DLKB_HEALTH_PORT`, else `PORT` (not in webhook mode, where the
   * webhook has `PORT`). Absent: no health server. 0 picks a free port.
   */
  healthPort?: number;
  /** Absolute path of the data folder (the SQLite database). */
  dataDir: string;
  /** IANA time zone of the daily schedule. */
  timezone: string;
  /** Absent: the caller picks (quiet in the terminal, `info` as a service). */
  logLevel?: LogLevel;
  /** `DLKB_REPORTS_CHAT`: where each new report of a mistake is forwarded (absent: only stored). */
  reportsChat?: { platform: 'telegram' | 'discord'; chatId: string };
}

/** A missing or malformed variable: `message` is one line naming it and what is expected. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`${variable}: ${expected}`);
  }
}

const DISCORD_TOKEN = /^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/;
const TELEGRAM_TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{30,}$/;

function isHttpUrl(value: string, options: { httpsOrLoopback?: boolean } = {}): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  return !options.httpsOrLoopback || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const withoutTrailingSlash = (s: string) => s.replace(/\/+$/, '');

const httpUrl = (expected: string, fallback: string) =>
  z
    .string()
    .refine((s) => isHttpUrl(s), { error: expected })
    .default(fallback)
    .transform(withoutTrailingSlash);

const port = z
  .string()
  .regex(/^\d{1,5}$/, { error: 'expected a port number from 0 to 65535' })
  .transform(Number)
  .pipe(z.number().max(65535, { error: 'expected a port number from 0 to 65535' }))
  .optional();

const schema = z
  .object({
    DISCORD_TOKEN: z
      .string()
      .regex(DISCORD_TOKEN, {
        error:
          'expected the bot token from the Discord Developer Portal (three dot-separated parts, without a "Bot " prefix)',
      })
      .optional(),
    DISCORD_API_URL: httpUrl(
      'expected an http(s) URL such as https://discord.com/api',
      'https://discord.com/api',
    ),
    DISCORD_APPLICATION_ID: z
      .string()
      .regex(/^\d{17,20}$/, { error: 'expected the numeric application id (17 to 20 digits)' })
      .optional(),
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(TELEGRAM_TOKEN, {
        error: 'expected the token from @BotFather: digits, a colon, then 30+ letters, digits, _ or -',
      })
      .optional(),
    TELEGRAM_API_ROOT: httpUrl(
      'expected an http(s) URL such as https://api.telegram.org',
      'https://api.telegram.org',
    ),
    TELEGRAM_WEBHOOK_URL: z
      .string()
      .refine((s) => isHttpUrl(s, { httpsOrLoopback: true }), {
        error: 'expected the public https:// URL Telegram posts updates to (http:// only for localhost)',
      })
      .optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, { error: 'expected 1 to 256 letters, digits, _ or -' })
      .optional(),
    PORT: port,
    DLKB_HEALTH_PORT: port,
    DLKB_DATA_DIR: z.string().default('./data'),
    DLKB_TIMEZONE: z
      .string()
      .refine(isTimeZone, { error: 'expected an IANA time zone such as Asia/Shanghai or UTC' })
      .default('Asia/Shanghai'),
    DLKB_REPORTS_CHAT: z
      .string()
      .regex(/^(?:telegram:-?\d{1,20}|discord:\d{17,20})$/, {
        error:
          'expected telegram:<chat id> (e.g. telegram:-1001234567890) or discord:<channel id> (17 to 20 digits)',
      })
      .optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.TELEGRAM_WEBHOOK_URL && !v.TELEGRAM_BOT_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_BOT_TOKEN'],
        message: 'required when TELEGRAM_WEBHOOK_URL is set',
      });
    }
    if (v.TELEGRAM_WEBHOOK_URL && v.PORT === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['PORT'],
        message: 'required when TELEGRAM_WEBHOOK_URL is set (the port the webhook listens on)',
      });
    }
    if (v.TELEGRAM_WEBHOOK_URL && v.PORT && v.DLKB_HEALTH_PORT === v.PORT) {
      ctx.addIssue({
        code: 'custom',
        path: ['DLKB_HEALTH_PORT'],
        message: 'must differ from PORT, which serves the Telegram webhook',
      });
    }
  });

/** Every variable the configuration reads. */
export const VARIABLES = Object.keys(schema.shape) as readonly (keyof typeof schema.shape)[];

/** Variables whose value may be echoed in an error; the others (tokens, secrets, URLs) never are. */
const ECHOED = new Set([
  'PORT',
  'DLKB_HEALTH_PORT',
  'DLKB_TIMEZONE',
  'LOG_LEVEL',
  'DISCORD_APPLICATION_ID',
  'DLKB_REPORTS_CHAT',
]);

/** The webhook secret used when `TELEGRAM_WEBHOOK_SECRET` is not set: stable across restarts, never the token. */
export function deriveWebhookSecret(token: string): string {
  return createHash('sha256').update(`dlkb-telegram-webhook\0${token}`).digest('base64url');
}

/**
 * Validates variables. Empty values count as unset (a copied `.env.example`), values are trimmed,
 * relative `DLKB_DATA_DIR` is resolved against `cwd`.
 * @throws ConfigError for the first missing or malformed variable
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): Config {
  const input: Record<string, string> = {};
  for (const name of VARIABLES) {
    const value = env[name]?.trim();
    if (value) input[name] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'configuration');
    const got = input[variable];
    const shown =
      ECHOED.has(variable) && got !== undefined ? ` (got ${JSON.stringify(got.slice(0, 40))})` : '';
    throw new ConfigError(variable, `${issue?.message ?? 'invalid'}${shown}`);
  }
  const v = parsed.data;
  const config: Config = {
    dataDir: resolve(cwd, v.DLKB_DATA_DIR),
    timezone: v.DLKB_TIMEZONE,
  };
  if (v.PORT !== undefined) config.port = v.PORT;
  const healthPort = v.DLKB_HEALTH_PORT ?? (v.TELEGRAM_WEBHOOK_URL ? undefined : v.PORT);
  if (healthPort !== undefined) config.healthPort = healthPort;
  if (v.LOG_LEVEL) config.logLevel = v.LOG_LEVEL;
  if (v.DLKB_REPORTS_CHAT) {
    const [platform, chatId = ''] = v.DLKB_REPORTS_CHAT.split(':') as ['telegram' | 'discord', string];
    config.reportsChat = { platform, chatId };
  }
  if (v.DISCORD_TOKEN) {
    config.discord = { token: v.DISCORD_TOKEN, apiUrl: v.DISCORD_API_URL };
    if (v.DISCORD_APPLICATION_ID) config.discord.applicationId = v.DISCORD_APPLICATION_ID;
  }
  if (v.TELEGRAM_BOT_TOKEN) {
    config.telegram = { token: v.TELEGRAM_BOT_TOKEN, apiRoot: v.TELEGRAM_API_ROOT };
    if (v.TELEGRAM_WEBHOOK_URL) {
      const secret = v.TELEGRAM_WEBHOOK_SECRET ?? deriveWebhookSecret(v.TELEGRAM_BOT_TOKEN);
      config.telegram.webhook = { url: v.TELEGRAM_WEBHOOK_URL, secret };
    }
  }
  return config;
}

/**
 * Reads a `.env` file into a record; an absent file is an empty record.
 * @throws ConfigError when the file exists but cannot be read
 */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(parseEnv(text))) if (typeof val === 'string') out[k] = val;
  return out;
}

/**
 * The configuration of this process: `.env` in `cwd` (when present) under `process.env`.
 * @throws ConfigError
 */
export function loadConfig(options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const env = { ...readEnvFile(resolve(cwd, '.env')), ...(options.env ?? process.env) };
  return parseConfig(env, cwd);
}
