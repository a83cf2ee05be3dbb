/**
 * One poller per token. Telegram ends a held getUpdates with 409 when another arrives (the fake does the
 * same), so a second process polling the token fails to start, saying why in one line, and the first
 * keeps serving; a poller that keeps taking the updates away makes the running one unhealthy.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { POLLING_CONFLICT } from '../../src/adapters/telegram/serve.ts';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/kernel/log.ts';
import { startPlatform } from '../../src/ops/platforms.ts';
import { StartupError } from '../../src/ops/startup-error.ts';
import { ADA, type Harness, privateChat, startHarness, textMessage } from './harness.ts';

const timing = { longPollSeconds: 1, requestMarginSeconds: 1, retryCapMs: 200 };
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A logger writing its lines into `lines`. */
function capture(lines: string[]) {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return createLogger({ level: 'debug', destination, pretty: false });
}

describe('a second process polling the same token', () => {
  it('fails to start with one clear reason (exit 1), and the first one keeps serving', async () => {
    // The fake holds an empty poll up to a second: the running poller is waiting in one when the second starts.
    h = await startHarness({ adapter: { timing }, fake: { pollCapMs: 1_000 } });
    const { fake, adapter, router } = h;
    await fake.waitFor('getUpdates', { where: (c) => c.payload.timeout === 1 });
    const lines: string[] = [];
    const config = parseConfig(
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
      '/nonexistent-dlkb',
    );
    const second = startPlatform('telegram', { config, router, log: capture(lines) });
    const error = await second.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).exitCode).toBe(1);
    expect((error as StartupError).message).toBe(`telegram did not start: ${POLLING_CONFLICT}`);
    // Nothing else said about it by the one that failed (main logs the StartupError, once).
    expect(lines.filter((l) => /"level":(40|50)/.test(l))).toEqual([]);
    expect(fake.conflicts).toBeGreaterThanOrEqual(2);

    // The first poller was ended once by the newcomer's poll, polled again, and serves: one reply.
    const since = fake.calls.length;
    fake.pushUpdate(textMessage('/help', privateChat(ADA)));
    await fake.waitFor('sendMessage', { since });
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.slice(since).filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    expect(adapter.problem?.()).toBeNull();
    expect(h.logs.filter((l) => l.includes('another process polled this token'))).toHaveLength(1);
  });

  it('left running (a poller that does not give up) makes the first one unhealthy, not stopped', async () => {
    h = await startHarness({ adapter: { timing }, fake: { pollCapMs: 1_000 } });
    const { fake, adapter } = h;
    // A foreign poller: a getUpdates now and again, each ending the bot's held one.
    const foreign = () =>
      fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ timeout: 1 }),
      }).then((r) => r.status);
    await fake.waitFor('getUpdates', { where: (c) => c.payload.timeout === 1 });
    expect(adapter.problem?.()).toBeNull();
    const until = Date.now() + 5_000;
    while (adapter.problem?.() === null && Date.now() < until) {
      void foreign();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(adapter.problem?.()).toMatch(/another process keeps polling this token/);
    // Still polling: once the foreign poller stops, it serves again (its next answer ends the streak).
    const since = fake.calls.length;
    fake.pushUpdate(textMessage('/help', privateChat(ADA)));
    await fake.waitFor('sendMessage', { since, timeoutMs: 5_000 });
    expect(adapter.problem?.()).toBeNull();
  }, 20_000);
});
