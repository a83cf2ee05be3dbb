/**
 * The real process as a service: both adapters against the fake Discord and Telegram, health and
 * metrics on a free port, the daily scheduler posting to seeded subscriptions, then SIGTERM.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppStore } from '../../src/app/store.ts';
import type { Subscription } from '../../src/features/daily/store.ts';
import { DATABASE_FILE } from '../../src/store/sqlite.ts';
import { dueNow } from '../daily/helpers.ts';
import { FakeDiscord } from '../fakes/discord.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { type Bot, startBot } from './spawn.ts';

const DISCORD_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEd.fake-discord-token-for-ops-tests-000';
const TELEGRAM_TOKEN = '424242:AAEfake-telegram-token-for-ops-tests0';
const TELEGRAM_CHAT = '5001';
const DISCORD_CHANNEL = '300000000000000001';

let discord: FakeDiscord;
let telegram: FakeTelegram;
let dataDir: string;
const bots: Bot[] = [];

beforeEach(async () => {
  discord = await FakeDiscord.start();
  telegram = await FakeTelegram.start({ token: TELEGRAM_TOKEN });
  dataDir = mkdtempSync(join(tmpdir(), 'dlkb-service-'));
});
afterEach(async () => {
  for (const b of bots.splice(0)) await b.cleanup();
  await discord.close();
  await telegram.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A subscription whose post (00:00 UTC, active since 1970) is due whenever the test runs. */
function subscription(platform: 'discord' | 'telegram', chatId: string): Subscription {
  return dueNow(chatId, { platform, locale: 'en' });
}

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN,
    DISCORD_API_URL: discord.apiUrl,
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    PORT: '0',
    DLKB_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

function bot(variables: Record<string, string>): Bot {
  const b = startBot(variables);
  bots.push(b);
  return b;
}

describe('the service with both adapters', () => {
  it('serves, posts the daily question, reports health and metrics, and stops cleanly on SIGTERM', async () => {
    const seed = openAppStore(dataDir);
    await seed.daily.putSubscription(subscription('telegram', TELEGRAM_CHAT));
    await seed.daily.putSubscription(subscription('discord', DISCORD_CHANNEL));
    await seed.close();

    const b = bot(env());
    const started = await b.waitForLog((l) => l.msg === 'dlkb started', 20_000);
    expect(started.platforms).toEqual(['discord', 'telegram']);
    const base = `http://127.0.0.1:${Number(started.healthPort)}`;

    // The catch-up tick posts today's question to both chats.
    await telegram.waitFor('sendMessage', { where: (c) => String(c.payload.chat_id) === TELEGRAM_CHAT });
    await discord.waitFor((r) => r.method === 'POST' && r.path === `/channels/${DISCORD_CHANNEL}/messages`);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      checks: { store: 'ok', discord: 'ok', telegram: 'ok' },
      serves: {
        discord: { shards: [0], count: 1, shardStatus: { '0': 'ready' } },
        telegram: { mode: 'polling' },
      },
    });

    const since = telegram.calls.length;
    telegram.pushUpdate({
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 6001, type: 'private', first_name: 'Ada' },
        from: { id: 6001, is_bot: false, first_name: 'Ada', language_code: 'en' },
        text: '/search softmax',
      },
    });
    await telegram.waitFor('sendMessage', { since, where: (c) => String(c.payload.chat_id) === '6001' });

    let metrics = '';
    for (let i = 0; i < 50 && !metrics.includes('outcome="sent"} 1'); i++) {
      metrics = await (await fetch(`${base}/metrics`)).text();
    }
    expect(metrics).toContain(
      'dlkb_commands_total{platform="telegram",command="search",kind="text",outcome="ok"} 1',
    );
    expect(metrics).toContain('dlkb_search_duration_seconds_count{platform="telegram"} 1');
    expect(metrics).toContain('dlkb_daily_posts_total{platform="telegram",kind="post",outcome="sent"} 1');
    expect(metrics).toContain('dlkb_daily_posts_total{platform="discord",kind="post",outcome="sent"} 1');

    // A backup while running, on SIGUSR2 (the exclusive lock keeps the sqlite3 shell out).
    b.child.kill('SIGUSR2');
    const backup = await b.waitForLog((l) => l.msg === 'backup written');
    expect(String(backup.file)).toMatch(/\/backups\/dlkb-\d{8}T\d{9}Z\.sqlite$/);
    expect(existsSync(String(backup.file))).toBe(true);

    const signalled = performance.now();
    b.child.kill('SIGTERM');
    const { code } = await b.exited();
    expect(code).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(10_000);
    expect(b.logs().some((l) => l.msg === 'stopped' && l.code === 0)).toBe(true);

    // Closed cleanly: SQLite removes the write-ahead log when the last connection closes.
    expect(existsSync(join(dataDir, `${DATABASE_FILE}-wal`))).toBe(false);
    const store = openAppStore(dataDir);
    try {
      for (const key of [`telegram:${TELEGRAM_CHAT}`, `discord:${DISCORD_CHANNEL}`]) {
        const [delivery] = await store.daily.recentDeliveries(key, 5);
        expect(delivery).toMatchObject({ kind: 'post', status: 'sent' });
        expect(delivery?.messageId).toBeTruthy();
      }
    } finally {
      await store.close();
    }
    expect(b.stderr()).not.toContain(TELEGRAM_TOKEN);
    expect(b.stderr()).not.toContain(DISCORD_TOKEN);
    expect(b.stdout()).toBe('');
  });
});

describe('a replica running some of the Discord shards', () => {
  it('identifies with DISCORD_SHARDS of DISCORD_SHARD_COUNT and shows them in /healthz', async () => {
    const b = bot({
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_SHARDS: '1',
      DISCORD_SHARD_COUNT: '2',
      PORT: '0',
      DLKB_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    });
    const started = await b.waitForLog((l) => l.msg === 'dlkb started', 20_000);
    expect(started.platforms).toEqual(['discord']);
    expect(discord.identifies.map((i) => i.shard)).toEqual([[1, 2]]);
    const health = await fetch(`http://127.0.0.1:${Number(started.healthPort)}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      checks: { store: 'ok', discord: 'ok' },
      serves: { discord: { shards: [1], count: 2, shardStatus: { '1': 'ready' } } },
    });
    b.child.kill('SIGTERM');
    expect((await b.exited()).code).toBe(0);
  });
});
