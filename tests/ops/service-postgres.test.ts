/**
 * `DATABASE_URL=postgres://… npm start` as an operator runs it: two replica processes (the real
 * src/main.ts) on one PostgreSQL database, Telegram in webhook mode against the fake Bot API. Both
 * serve and are healthy; the daily question due at start is posted once, by the replica holding the
 * fan-out lease; the log names the store but never the URL's password.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openAppPostgresStore } from '../../src/app/store.ts';
import { dueNow } from '../daily/helpers.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { describePostgres, freshPostgresUrl } from '../support/postgres.ts';
import { type Bot, startBot } from './spawn.ts';

const TOKEN = '434343:AAEfake-telegram-token-for-pg-tests-00';
const CHAT = '5101';

describePostgres('the service on PostgreSQL', () => {
  let telegram: FakeTelegram;
  const bots: Bot[] = [];
  beforeEach(async () => {
    telegram = await FakeTelegram.start({ token: TOKEN });
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.cleanup();
    await telegram.close();
  });

  it('runs two replicas on DATABASE_URL: both healthy, the due post sent once', async () => {
    const url = await freshPostgresUrl();
    const withPassword = new URL(url);
    withPassword.password = 'not-needed-s3cret';
    const seed = await openAppPostgresStore(url, 1);
    await seed.daily.putSubscription(dueNow(CHAT, { locale: 'en' }));
    await seed.close();

    const replica = (n: number) =>
      startBot({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1/telegram',
        PORT: '0',
        DLKB_HEALTH_PORT: '0',
        DATABASE_URL: withPassword.toString(),
        DLKB_DATA_DIR: `/nonexistent/dlkb-replica-${n}`,
        LOG_LEVEL: 'info',
      });
    bots.push(replica(1), replica(2));
    const started = await Promise.all(bots.map((b) => b.waitForLog((l) => l.msg === 'dlkb started', 30_000)));
    for (const s of started) expect(s.store).toBe('postgres');

    await telegram.waitFor('sendMessage', { where: (c) => String(c.payload.chat_id) === CHAT });
    for (const s of started) {
      const health = await fetch(`http://127.0.0.1:${Number(s.healthPort)}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ checks: { store: 'ok', telegram: 'ok' } });
    }
    // Both ran their catch-up tick at start; the one without the lease must not have posted it too.
    await new Promise((r) => setTimeout(r, 1500));
    const posts = telegram.callsOf('sendMessage').filter((c) => c.ok && String(c.payload.chat_id) === CHAT);
    expect(posts).toHaveLength(1);
    for (const b of bots) expect(b.stderr()).not.toContain('not-needed-s3cret');
  }, 90_000);
});
