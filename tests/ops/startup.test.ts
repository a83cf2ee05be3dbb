/**
 * `runService` in this process, against the fakes: webhook mode, and how a refused token or an
 * unreachable platform ends the start (exit 78: fix the configuration; exit 1: the supervisor retries).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Config, deriveWebhookSecret, parseConfig } from '../../src/config.ts';
import type { Logger } from '../../src/kernel/log.ts';
import { Lifecycle } from '../../src/ops/lifecycle.ts';
import { isTokenRejected } from '../../src/ops/platforms.ts';
import { runService } from '../../src/ops/service.ts';
import { StartupError } from '../../src/ops/startup-error.ts';
import { FakeDiscord } from '../fakes/discord.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { memoryLogger } from './logs.ts';

const DISCORD_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEd.fake-discord-token-for-ops-tests-000';
const TELEGRAM_TOKEN = '424242:AAEfake-telegram-token-for-ops-tests0';

let discord: FakeDiscord;
let telegram: FakeTelegram;
let dataDir: string;
let lifecycle: Lifecycle;
let lines: () => string[];
let log: Logger;
let exits: number[];

beforeEach(async () => {
  discord = await FakeDiscord.start();
  telegram = await FakeTelegram.start({ token: TELEGRAM_TOKEN });
  dataDir = mkdtempSync(join(tmpdir(), 'dlkb-startup-'));
  const logger = memoryLogger('info');
  lines = logger.lines;
  log = logger.log;
  exits = [];
  lifecycle = new Lifecycle({ log: logger.log, exit: (code) => exits.push(code) });
});
afterEach(async () => {
  await lifecycle.shutdown('test over');
  await discord.close();
  await telegram.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function config(env: Record<string, string>): Config {
  return parseConfig({ DLKB_DATA_DIR: dataDir, ...env });
}

async function startupError(c: Config): Promise<StartupError> {
  const error = await runService(c, { log, lifecycle }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StartupError);
  return error as StartupError;
}

describe('runService', () => {
  it('runs Telegram on a webhook with the derived secret, and health on DLKB_HEALTH_PORT', async () => {
    const c = config({
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:8443/telegram',
      PORT: '0',
      DLKB_HEALTH_PORT: '0',
    });
    await runService(c, { log: memoryLogger('info').log, lifecycle });
    const set = await telegram.waitFor('setWebhook');
    expect(set.payload.url).toBe('http://127.0.0.1:8443/telegram');
    expect(set.payload.secret_token).toBe(deriveWebhookSecret(TELEGRAM_TOKEN));
    expect(await lifecycle.shutdown('done')).toBe(0);
    expect(exits).toEqual([]);
  });

  it('counts a failed update in /metrics and keeps serving', async () => {
    const c = config({
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DLKB_HEALTH_PORT: '0',
    });
    await runService(c, { log, lifecycle });
    const started = JSON.parse(lines().find((l) => l.includes('dlkb started')) ?? '{}') as {
      healthPort: number;
    };
    const chat = { id: 6001, type: 'private' as const, first_name: 'Ada' };
    const message = (text: string) => ({
      message: { message_id: 1, date: 0, chat, from: { id: 6001, is_bot: false, first_name: 'Ada' }, text },
    });
    telegram.failNext('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    telegram.pushUpdate(message('/help'));
    const metric = 'dlkb_update_errors_total{platform="telegram",reason="gone"} 1';
    let text = '';
    for (let i = 0; i < 100 && !text.includes(metric); i++) {
      await sleep(20);
      text = await (await fetch(`http://127.0.0.1:${started.healthPort}/metrics`)).text();
    }
    expect(text).toContain(metric);
    const since = telegram.calls.length;
    telegram.pushUpdate(message('/help'));
    await telegram.waitFor('sendMessage', { since, where: (call) => call.ok });
  });

  it('says no health server runs when PORT belongs to the webhook', async () => {
    const { log, lines: logged } = memoryLogger('info');
    const c = config({
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:8443/telegram',
      PORT: '0',
    });
    await runService(c, { log, lifecycle });
    expect(logged().some((l) => l.includes('set DLKB_HEALTH_PORT'))).toBe(true);
  });

  it('ends with exit 78 naming TELEGRAM_BOT_TOKEN when Telegram refuses the token, never printing it', async () => {
    const wrong = '424242:AAEthis-token-is-not-the-fakes-one-000';
    const error = await startupError(
      config({ TELEGRAM_BOT_TOKEN: wrong, TELEGRAM_API_ROOT: telegram.apiRoot }),
    );
    expect(error.exitCode).toBe(78);
    expect(error.message).toMatch(/^TELEGRAM_BOT_TOKEN: rejected by telegram/);
    expect(error.message).not.toContain(wrong);
  });

  it('ends with exit 1 at once, with the reason, when Telegram cannot be reached (one attempt per start)', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const port = (server.address() as AddressInfo).port;
        server.close(() => resolve(port));
      });
    });
    const started = performance.now();
    const error = await startupError(
      config({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${closed}` }),
    );
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/^telegram did not start: .*getMe/);
    expect(error.message).not.toContain(TELEGRAM_TOKEN);
    expect(performance.now() - started).toBeLessThan(5_000);
  }, 10_000);

  it('ends with exit 78 naming DISCORD_TOKEN when Discord refuses the token', async () => {
    discord.fail({
      method: 'GET',
      path: /^\/gateway/,
      status: 401,
      body: { message: '401: Unauthorized', code: 0 },
    });
    const error = await startupError(config({ DISCORD_TOKEN, DISCORD_API_URL: discord.apiUrl }));
    expect(error.exitCode).toBe(78);
    expect(error.message).toMatch(/^DISCORD_TOKEN: rejected by discord/);
    expect(error.message).not.toContain(DISCORD_TOKEN);
  });

  it('ends with exit 1 (retry) when a platform fails to start, and the other stops cleanly', async () => {
    telegram.failNext('deleteWebhook', { error_code: 400, description: 'Bad Request: not today' });
    const c = config({
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DLKB_HEALTH_PORT: '0',
    });
    const error = await startupError(c);
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/^telegram did not start: .*not today/);
    expect(await lifecycle.shutdown('startup failed')).toBe(0);
    // Discord was starting side by side: once up, it is stopped again and disconnects.
    for (let i = 0; i < 200 && !lines().some((l) => l.includes('discord stopped')); i++) await sleep(25);
    expect(lines().some((l) => l.includes('discord ready'))).toBe(true);
    expect(discord.connections).toBe(0);
    expect(lines().join('\n')).not.toContain(TELEGRAM_TOKEN);
  });
});

describe('isTokenRejected', () => {
  it('recognises the refusals of both platforms, also as a cause', () => {
    expect(isTokenRejected(Object.assign(new Error('x'), { code: 'TokenInvalid' }))).toBe(true);
    expect(isTokenRejected(Object.assign(new Error('x'), { error_code: 401 }))).toBe(true);
    expect(isTokenRejected(new Error('login failed', { cause: { status: 401 } }))).toBe(true);
    expect(isTokenRejected(new Error('telegram: could not start the bot: 401: Unauthorized'))).toBe(true);
    expect(isTokenRejected(new Error('connect ECONNREFUSED 127.0.0.1:443'))).toBe(false);
    expect(isTokenRejected(Object.assign(new Error('x'), { status: 502 }))).toBe(false);
    expect(isTokenRejected(undefined)).toBe(false);
  });
});
