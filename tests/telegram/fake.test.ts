/** The fake Bot API itself (others reuse it): long polling, failures, rate limit, HTML checks. */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fakes/telegram.ts';
import { ADA, privateChat, textMessage } from './harness.ts';

let fake: FakeTelegram | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function call(f: FakeTelegram, method: string, payload: object = {}, token = f.token) {
  const res = await fetch(`${f.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('FakeTelegram', () => {
  it('holds an empty getUpdates until an update arrives, and drops confirmed updates', async () => {
    fake = await FakeTelegram.start({ pollCapMs: 10_000 });
    const started = performance.now();
    const poll = call(fake, 'getUpdates', { offset: 0, timeout: 30 });
    await fake.waitFor('getUpdates');
    const update = fake.pushUpdate(textMessage('/help', privateChat(ADA)));
    const { body } = await poll;
    expect(body.result).toEqual([update]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(fake.deliveredAt(update.update_id)).toBeGreaterThan(started);
    const again = await call(fake, 'getUpdates', { offset: update.update_id + 1, timeout: 0 });
    expect(again.body.result).toEqual([]);
  });

  it('answers an empty poll after the cap, and releases a poll whose client left', async () => {
    const quick = await FakeTelegram.start({ pollCapMs: 50 });
    expect((await call(quick, 'getUpdates', { timeout: 30 })).body.result).toEqual([]);
    await quick.close();
    const controller = new AbortController();
    fake = await FakeTelegram.start({ pollCapMs: 60_000 });
    const held = fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"timeout":30}',
      signal: controller.signal,
    }).catch(() => 'aborted');
    await fake.waitFor('getUpdates');
    expect(fake.heldPolls).toBe(1);
    controller.abort();
    expect(await held).toBe('aborted');
    for (let i = 0; i < 100 && fake.heldPolls > 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(fake.heldPolls).toBe(0);
  });

  it('refuses a wrong token, and fails or drops the next call of a method on request', async () => {
    fake = await FakeTelegram.start();
    expect((await call(fake, 'getMe', {}, '1:wrong')).status).toBe(401);
    expect((await call(fake, 'getMe')).body.result).toMatchObject({ username: 'dlkb_test_bot' });
    fake.failNext(
      'sendMessage',
      { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      2,
    );
    for (let i = 0; i < 2; i++) {
      const failed = await call(fake, 'sendMessage', { chat_id: 1, text: 'x' });
      expect(failed).toMatchObject({ status: 403, body: { ok: false, error_code: 403 } });
    }
    expect((await call(fake, 'sendMessage', { chat_id: 1, text: 'x' })).status).toBe(200);
    fake.dropNext('getMe');
    await expect(call(fake, 'getMe')).rejects.toThrow();
    expect(fake.callsOf('sendMessage').map((c) => c.ok)).toEqual([false, false, true]);
  });

  it('checks HTML like Telegram', async () => {
    fake = await FakeTelegram.start();
    const send = (text: string) =>
      call(fake as FakeTelegram, 'sendMessage', { chat_id: 1, text, parse_mode: 'HTML' });
    expect((await send('<b>ok</b> &amp; <a href="https://e.com">x</a>')).status).toBe(200);
    for (const bad of [
      '<b>open',
      'a < b',
      'a & b',
      '<div>x</div>',
      '<b><i>x</b></i>',
      'x'.repeat(4097),
      ' ',
    ]) {
      expect((await send(bad)).status, bad).toBe(400);
    }
  });

  it('limits sendMessage to messagesPerSecond with 429 and retry_after', async () => {
    fake = await FakeTelegram.start({ messagesPerSecond: 5 });
    const results = [];
    for (let i = 0; i < 7; i++)
      results.push(await call(fake, 'sendMessage', { chat_id: -100, text: `m${i}` }));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(results[5]?.body).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    // Other methods are not limited.
    expect((await call(fake, 'answerCallbackQuery', { callback_query_id: 'x' })).status).toBe(200);
  });
});
