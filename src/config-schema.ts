/**
 * The environment variables' schema (zod): each variable, its default and the one-line message naming
 * what is expected when it is malformed. `config.ts` reads the environment and builds `Config` from it.
 */
import { z } from 'zod';

/** The pino levels `LOG_LEVEL` accepts. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One of the pino levels. */
export type LogLevel = (typeof LOG_LEVELS)[number];

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

/** Every variable, validated; `parseConfig` reads the first issue. */
export const schema = z
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
    DISCORD_SHARDS: z
      .string()
      .regex(/^(?:auto|\d{1,5}(?:\s*,\s*\d{1,5})*)$/, {
        error: 'expected auto, or the shard ids this replica runs, e.g. 0,1 (with DISCORD_SHARD_COUNT)',
      })
      .optional(),
    DISCORD_SHARD_COUNT: z.coerce
      .number({ error: 'expected the total number of shards, e.g. 4' })
      .int({ error: 'expected a whole number of shards' })
      .min(1, { error: 'expected at least 1 shard' })
      .max(65_535, { error: 'expected at most 65535 shards' })
      .optional(),
    DATABASE_URL: z
      .string()
      .refine(isPostgresUrl, {
        error:
          'expected a PostgreSQL URL such as postgres://dlkb:PASSWORD@db:5432/dlkb (unset: SQLite in DLKB_DATA_DIR)',
      })
      .optional(),
    DATABASE_POOL_SIZE: z.coerce
      .number({ error: 'expected a number of connections, e.g. 10' })
      .int({ error: 'expected a whole number of connections' })
      .min(1, { error: 'expected at least 1 connection' })
      .max(1000, { error: 'expected at most 1000 connections' })
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
    const shards = v.DISCORD_SHARDS && v.DISCORD_SHARDS !== 'auto' ? shardIds(v.DISCORD_SHARDS) : undefined;
    if (shards && v.DISCORD_SHARD_COUNT === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_SHARD_COUNT'],
        message: 'required when DISCORD_SHARDS lists shard ids (the total number of shards of the bot)',
      });
    }
    if (
      shards &&
      v.DISCORD_SHARD_COUNT !== undefined &&
      shards.some((id) => id >= (v.DISCORD_SHARD_COUNT ?? 0))
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_SHARDS'],
        message: `expected shard ids below DISCORD_SHARD_COUNT (${v.DISCORD_SHARD_COUNT}): ids run from 0`,
      });
    }
    if (v.DISCORD_SHARD_COUNT !== undefined && !v.DISCORD_SHARDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_SHARDS'],
        message: 'required when DISCORD_SHARD_COUNT is set: the shard ids this replica runs, e.g. 0,1',
      });
    }
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

/** The shard ids of `DISCORD_SHARDS` (`0, 2` → [0, 2]), each once, in order. */
export function shardIds(list: string): number[] {
  return [...new Set(list.split(',').map((id) => Number(id.trim())))].sort((a, b) => a - b);
}

/** True for a postgres:// or postgresql:// URL with a host. */
function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}
