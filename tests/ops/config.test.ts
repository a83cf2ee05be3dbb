import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, deriveWebhookSecret, loadConfig, parseConfig, VARIABLES } from '../../src/config.ts';

const DISCORD = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const TELEGRAM = '123456789:AAEabcdefghijklmnopqrstuvwxyz012345';

function problem(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env, '/srv/dlkb');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('has defaults for everything optional: no platform means the terminal chat', () => {
    expect(parseConfig({}, '/srv/dlkb')).toEqual({ dataDir: '/srv/dlkb/data', timezone: 'Asia/Shanghai' });
  });

  it('reads every variable', () => {
    const config = parseConfig(
      {
        DISCORD_TOKEN: DISCORD,
        DISCORD_API_URL: 'http://127.0.0.1:4000/api/',
        DISCORD_APPLICATION_ID: '100000000000000001',
        TELEGRAM_BOT_TOKEN: TELEGRAM,
        TELEGRAM_API_ROOT: 'http://127.0.0.1:5000//',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram',
        TELEGRAM_WEBHOOK_SECRET: 'my_secret-1',
        PORT: '8080',
        DLKB_HEALTH_PORT: '9090',
        DLKB_DATA_DIR: '/var/lib/dlkb',
        DLKB_TIMEZONE: 'Europe/Berlin',
        LOG_LEVEL: 'debug',
      },
      '/srv/dlkb',
    );
    expect(config).toEqual({
      discord: { token: DISCORD, apiUrl: 'http://127.0.0.1:4000/api', applicationId: '100000000000000001' },
      telegram: {
        token: TELEGRAM,
        apiRoot: 'http://127.0.0.1:5000',
        webhook: { url: 'https://bot.example.org/telegram', secret: 'my_secret-1' },
      },
      port: 8080,
      healthPort: 9090,
      dataDir: '/var/lib/dlkb',
      timezone: 'Europe/Berlin',
      logLevel: 'debug',
    });
  });

  it('defaults the API roots, and treats empty or blank values as unset and trims the others', () => {
    const config = parseConfig(
      {
        DISCORD_TOKEN: ` ${DISCORD}\t`,
        TELEGRAM_BOT_TOKEN: TELEGRAM,
        PORT: '',
        LOG_LEVEL: '  ',
        DLKB_DATA_DIR: 'd',
      },
      '/srv',
    );
    expect(config.discord).toEqual({ token: DISCORD, apiUrl: 'https://discord.com/api' });
    expect(config.telegram).toEqual({ token: TELEGRAM, apiRoot: 'https://api.telegram.org' });
    expect(config.port).toBeUndefined();
    expect(config.logLevel).toBeUndefined();
    expect(config.dataDir).toBe('/srv/d');
  });

  it('derives a stable webhook secret from the token when none is set, never the token itself', () => {
    const env = { TELEGRAM_BOT_TOKEN: TELEGRAM, TELEGRAM_WEBHOOK_URL: 'https://x.example/hook', PORT: '0' };
    const secret = parseConfig(env).telegram?.webhook?.secret ?? '';
    expect(secret).toBe(deriveWebhookSecret(TELEGRAM));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(secret).not.toContain(TELEGRAM.split(':')[1]);
    expect(deriveWebhookSecret(`${TELEGRAM}x`)).not.toBe(secret);
    expect(parseConfig(env).port).toBe(0);
  });

  it.each([
    ['DISCORD_TOKEN', 'Bot abc.def.ghi', 'Developer Portal'],
    ['DISCORD_API_URL', 'ftp://discord.com/api', 'http(s) URL'],
    ['DISCORD_APPLICATION_ID', 'my-app', 'numeric application id'],
    ['TELEGRAM_BOT_TOKEN', '12345:short', '@BotFather'],
    ['TELEGRAM_API_ROOT', 'api.telegram.org', 'http(s) URL'],
    ['TELEGRAM_WEBHOOK_URL', 'http://bot.example.org/hook', 'https://'],
    ['TELEGRAM_WEBHOOK_SECRET', 'has spaces!', 'letters, digits'],
    ['PORT', '80a', 'port number'],
    ['PORT', '70000', 'port number'],
    ['PORT', '-1', 'port number'],
    ['DLKB_HEALTH_PORT', '99999', 'port number'],
    ['DLKB_HEALTH_PORT', '8080', 'must differ from PORT'],
    ['DLKB_TIMEZONE', 'Asia/Beijing', 'IANA time zone'],
    ['LOG_LEVEL', 'verbose', 'fatal, error, warn, info, debug, trace, silent'],
  ])('rejects %s=%j naming the variable and what is expected', (variable, value, expected) => {
    const base = { TELEGRAM_BOT_TOKEN: TELEGRAM, PORT: '8080', TELEGRAM_WEBHOOK_URL: 'https://x.example/h' };
    const error = problem({ ...base, [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain('\n');
  });

  it('echoes harmless values but never a token, secret or URL', () => {
    expect(problem({ PORT: 'eighty' }).message).toContain('"eighty"');
    expect(problem({ DLKB_TIMEZONE: 'Mars/Olympus' }).message).toContain('Mars/Olympus');
    expect(problem({ DISCORD_TOKEN: 'Bot sekret-token-value' }).message).not.toContain('sekret');
    expect(problem({ TELEGRAM_BOT_TOKEN: '42:sekret' }).message).not.toContain('sekret');
    expect(problem({ TELEGRAM_API_ROOT: 'sekret://x' }).message).not.toContain('sekret');
  });

  it('never puts a rejected token in the message, whatever it is', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8 }),
        fc.constantFrom('DISCORD_TOKEN', 'TELEGRAM_BOT_TOKEN'),
        (t, name) => {
          fc.pre(t.trim().length >= 8);
          try {
            parseConfig({ [name]: t });
            return true;
          } catch (error) {
            return !(error as ConfigError).message.includes(t.trim());
          }
        },
      ),
    );
  });

  it('needs PORT and a Telegram token for webhook mode', () => {
    expect(
      problem({ TELEGRAM_BOT_TOKEN: TELEGRAM, TELEGRAM_WEBHOOK_URL: 'https://x.example/h' }).variable,
    ).toBe('PORT');
    expect(problem({ TELEGRAM_WEBHOOK_URL: 'https://x.example/h', PORT: '1' }).variable).toBe(
      'TELEGRAM_BOT_TOKEN',
    );
    const local = parseConfig({
      TELEGRAM_BOT_TOKEN: TELEGRAM,
      TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:9000/h',
      PORT: '9000',
    });
    expect(local.telegram?.webhook?.url).toBe('http://127.0.0.1:9000/h');
  });

  it('serves health on PORT, except in webhook mode where it needs DLKB_HEALTH_PORT', () => {
    expect(parseConfig({ PORT: '8080' }).healthPort).toBe(8080);
    expect(parseConfig({ PORT: '8080', DLKB_HEALTH_PORT: '9090' }).healthPort).toBe(9090);
    expect(parseConfig({ DLKB_HEALTH_PORT: '9090' })).not.toHaveProperty('port');
    expect(parseConfig({ DLKB_HEALTH_PORT: '9090' }).healthPort).toBe(9090);
    const webhook = {
      TELEGRAM_BOT_TOKEN: TELEGRAM,
      TELEGRAM_WEBHOOK_URL: 'https://x.example/h',
      PORT: '8443',
    };
    expect(parseConfig(webhook).port).toBe(8443);
    expect(parseConfig(webhook)).not.toHaveProperty('healthPort');
    expect(parseConfig({ ...webhook, DLKB_HEALTH_PORT: '9090' }).healthPort).toBe(9090);
    expect(parseConfig({}).healthPort).toBeUndefined();
  });

  it('accepts every pino level and common time zones', () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) {
      expect(parseConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
    }
    for (const tz of ['UTC', 'Asia/Shanghai', 'America/New_York', 'Asia/Kolkata']) {
      expect(parseConfig({ DLKB_TIMEZONE: tz }).timezone).toBe(tz);
    }
  });

  it('reads DATABASE_URL without ever echoing it, and refuses what is not a PostgreSQL URL', () => {
    const url = 'postgres://dlkb:s3cret-pass@db:5432/dlkb';
    expect(parseConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '4' })).toMatchObject({
      databaseUrl: url,
      databasePoolSize: 4,
    });
    expect(parseConfig({}).databaseUrl).toBeUndefined();
    for (const bad of ['mysql://dlkb:s3cret-pass@db/dlkb', 'postgres://', 'dlkb:s3cret-pass@db']) {
      const error = problem({ DATABASE_URL: bad });
      expect(error.variable).toBe('DATABASE_URL');
      expect(error.message).not.toContain('s3cret');
    }
    expect(problem({ DATABASE_POOL_SIZE: '0' }).message).toBe(
      'DATABASE_POOL_SIZE: expected at least 1 connection (got "0")',
    );
  });

  it('reads DISCORD_SHARDS as ids of DISCORD_SHARD_COUNT, or auto', () => {
    const shards = (env: Record<string, string>) =>
      parseConfig({ DISCORD_TOKEN: DISCORD, ...env }).discord?.shards;
    expect(shards({ DISCORD_SHARDS: '2, 0,2', DISCORD_SHARD_COUNT: '4' })).toEqual({ ids: [0, 2], count: 4 });
    expect(shards({ DISCORD_SHARDS: 'auto' })).toBe('auto');
    expect(shards({})).toBeUndefined();
    expect(problem({ DISCORD_TOKEN: DISCORD, DISCORD_SHARDS: '0,1' }).variable).toBe('DISCORD_SHARD_COUNT');
    expect(problem({ DISCORD_TOKEN: DISCORD, DISCORD_SHARDS: '0,4', DISCORD_SHARD_COUNT: '4' }).message).toBe(
      'DISCORD_SHARDS: expected shard ids below DISCORD_SHARD_COUNT (4): ids run from 0 (got "0,4")',
    );
    expect(problem({ DISCORD_SHARD_COUNT: '2' }).variable).toBe('DISCORD_SHARDS');
    expect(problem({ DISCORD_SHARDS: 'some' }).variable).toBe('DISCORD_SHARDS');
  });

  it('reads DLKB_REPORTS_CHAT as a platform and a chat id, and refuses a bare id', () => {
    expect(parseConfig({ DLKB_REPORTS_CHAT: 'telegram:-1001234567890' }).reportsChat).toEqual({
      platform: 'telegram',
      chatId: '-1001234567890',
    });
    expect(parseConfig({ DLKB_REPORTS_CHAT: 'discord:123456789012345678' }).reportsChat).toEqual({
      platform: 'discord',
      chatId: '123456789012345678',
    });
    expect(parseConfig({}).reportsChat).toBeUndefined();
    expect(() => parseConfig({ DLKB_REPORTS_CHAT: '-100123' })).toThrow(
      'DLKB_REPORTS_CHAT: expected telegram:<chat id> (e.g. telegram:-1001234567890) or discord:<channel id> (17 to 20 digits) (got "-100123")',
    );
  });

  it('lists every variable it reads', () => {
    expect([...VARIABLES].sort()).toEqual(
      [
        'DATABASE_POOL_SIZE',
        'DATABASE_URL',
        'DISCORD_SHARDS',
        'DISCORD_SHARD_COUNT',
        'DISCORD_API_URL',
        'DISCORD_APPLICATION_ID',
        'DISCORD_TOKEN',
        'DLKB_DATA_DIR',
        'DLKB_HEALTH_PORT',
        'DLKB_REPORTS_CHAT',
        'DLKB_TIMEZONE',
        'LOG_LEVEL',
        'PORT',
        'TELEGRAM_API_ROOT',
        'TELEGRAM_BOT_TOKEN',
        'TELEGRAM_WEBHOOK_SECRET',
        'TELEGRAM_WEBHOOK_URL',
      ].sort(),
    );
  });
});

describe('loadConfig', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const folder = (envFile?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkb-config-'));
    dirs.push(dir);
    if (envFile !== undefined) writeFileSync(join(dir, '.env'), envFile);
    return dir;
  };

  it('reads .env when present, with the real environment winning', () => {
    const cwd = folder(
      `# comment\nPORT=9100\nDLKB_TIMEZONE="Europe/Paris"\nLOG_LEVEL=debug\nTELEGRAM_BOT_TOKEN=${TELEGRAM}\n`,
    );
    const config = loadConfig({ cwd, env: { LOG_LEVEL: 'error' } });
    expect(config.port).toBe(9100);
    expect(config.timezone).toBe('Europe/Paris');
    expect(config.logLevel).toBe('error');
    expect(config.telegram?.token).toBe(TELEGRAM);
    expect(config.dataDir).toBe(join(cwd, 'data'));
  });

  it('works without a .env file', () => {
    expect(loadConfig({ cwd: folder(), env: {} }).port).toBeUndefined();
  });

  it('documents every variable in .env.example, which as copied is a valid configuration', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    for (const name of VARIABLES) expect(example).toMatch(new RegExp(`^(# )?${name}=`, 'm'));
    // systemd's EnvironmentFile takes no comment after a value.
    for (const line of example.split('\n')) if (!line.startsWith('#')) expect(line).not.toContain('#');
    const config = loadConfig({ cwd: folder(example), env: {} });
    expect(config).toMatchObject({ port: 8080, healthPort: 8080, timezone: 'Asia/Shanghai' });
    expect(config.discord).toBeUndefined();
    expect(config.telegram).toBeUndefined();
  });

  it('reports a malformed value from .env like one from the environment', () => {
    expect(() => loadConfig({ cwd: folder('PORT=http\n'), env: {} })).toThrow(/^PORT: expected a port/);
  });
});
