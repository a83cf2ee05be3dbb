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
import { LOG_LEVELS, type LogLevel, schema, shardIds } from './config-schema.ts';

/** The exit code of a configuration error (`EX_CONFIG` of sysexits.h); systemd is told not to restart on it. */
export const EX_CONFIG = 78;

export { LOG_LEVELS, type LogLevel };

/** The validated configuration. A platform is present when its token is set. */
export interface Config {
  discord?: {
    token: string;
    apiUrl: string;
    applicationId?: string;
    /**
     * `DISCORD_SHARDS` with `DISCORD_SHARD_COUNT`: the gateway shards this replica runs (`ids` of
     * `count`), or `auto` (every shard Discord recommends, in this process). Absent: one connection.
     */
    shards?: { ids: number[]; count: number } | 'auto';
  };
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
  /**
   * `DATABASE_URL` (postgres://…): the PostgreSQL database replicas share, instead of SQLite in
   * `dataDir`. Never logged or shown (it may hold a password).
   */
  databaseUrl?: string;
  /** `DATABASE_POOL_SIZE`: connections to PostgreSQL at most (default 10). */
  databasePoolSize?: number;
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

/** Every variable the configuration reads. */
export const VARIABLES = Object.keys(schema.shape) as readonly (keyof typeof schema.shape)[];

/** Variables whose value may be echoed in an error; the others (tokens, secrets, URLs) never are. */
const ECHOED = new Set([
  'DISCORD_SHARDS',
  'DISCORD_SHARD_COUNT',
  'DATABASE_POOL_SIZE',
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
  if (v.DATABASE_URL) config.databaseUrl = v.DATABASE_URL;
  if (v.DATABASE_POOL_SIZE !== undefined) config.databasePoolSize = v.DATABASE_POOL_SIZE;
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
    if (v.DISCORD_SHARDS === 'auto') config.discord.shards = 'auto';
    else if (v.DISCORD_SHARDS && v.DISCORD_SHARD_COUNT !== undefined)
      config.discord.shards = { ids: shardIds(v.DISCORD_SHARDS), count: v.DISCORD_SHARD_COUNT };
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
