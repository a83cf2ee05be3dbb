import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegram } from '../../src/adapters/telegram/index.ts';
import { createRouter } from '../../src/app/services.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { freePort } from '../support/free-port.ts';
import { ADA, type Harness, privateChat, startHarness, textMessage } from './harness.ts';

describe('webhook mode', () => {
  const secret = 'webhook-secret-0123456789';
  let h: Harness;
  let url: string;
  let nextId = 9000;

  const post = (update: Omit<Update, 'update_id'>, headers: Record<string, string> = {}, path = '/tg-hook') =>
    fetch(`http://127.0.0.1:${new URL(url).port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret, ...headers },
      body: JSON.stringify({ ...update, update_id: nextId++ }),
    });

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/tg-hook`;
    h = await startHarness({ adapter: { webhook: { url, port, secret } } });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('registers the webhook with its secret instead of polling', () => {
    expect(h.fake.callsOf('setWebhook')[0]?.payload).toMatchObject({ url, secret_token: secret });
    expect(h.fake.callsOf('getUpdates')).toEqual([]);
    expect(h.adapter.healthy()).toBe(true);
    expect(h.adapter.serves?.()).toEqual({ mode: 'webhook' });
  });

  it('answers an update posted with the right secret', async () => {
    const since = h.fake.calls.length;
    const res = await post(textMessage('/help', privateChat(ADA)));
    expect(res.status).toBe(200);
    const call = await h.fake.waitFor('sendMessage', { since });
    expect(call.payload.chat_id).toBe(ADA.id);
  });

  it('refuses a wrong secret, a wrong path and a body that is not JSON', async () => {
    const since = h.fake.calls.length;
    expect(
      (await post(textMessage('/help', privateChat(ADA)), { 'x-telegram-bot-api-secret-token': 'nope' }))
        .status,
    ).toBe(401);
    expect((await post(textMessage('/help', privateChat(ADA)), {}, '/other')).status).toBe(404);
    const bad = await fetch(url, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': secret },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(h.fake.calls.slice(since).filter((c) => c.method === 'sendMessage')).toEqual([]);
  });

  it('stops taking updates on stop() and waits for the one in flight', async () => {
    h.fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    const since = h.fake.calls.length;
    const pending = post(textMessage('/help', privateChat(ADA)));
    await h.fake.waitFor('sendMessage', { since });
    await h.adapter.stop();
    expect(h.fake.calls.slice(since).some((c) => c.method === 'sendMessage' && c.ok)).toBe(true);
    expect((await pending).status).toBe(200);
    expect(h.adapter.healthy()).toBe(false);
    await expect(post(textMessage('/help', privateChat(ADA)))).rejects.toThrow();
  });
});

describe('starting', () => {
  it('asks getMe when no botInfo is given, and refuses a wrong token without printing it', async () => {
    const fake = await FakeTelegram.start();
    try {
      const router = await createRouter();
      const log = silentLogger();
      const adapter = await startTelegram({ router, token: fake.token, apiRoot: fake.apiRoot, log });
      expect(adapter.bot.botInfo.username).toBe(fake.botInfo.username);
      expect(fake.callsOf('getMe')).toHaveLength(1);
      await adapter.stop();
      const token = '999:wrong-token-abcdefghijklmnop';
      const failure = startTelegram({ router, token, apiRoot: fake.apiRoot, log });
      await expect(failure).rejects.toThrow(/401/);
      await expect(failure).rejects.not.toThrow(token);
    } finally {
      await fake.close();
    }
  });
});

describe('polling mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('drops a webhook, polls, and waits on stop() for the update in flight', async () => {
    expect(h.fake.callsOf('deleteWebhook')).toHaveLength(1);
    expect(h.adapter.healthy()).toBe(true);
    expect(h.adapter.serves?.()).toEqual({ mode: 'polling' });
    h.fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    const since = h.fake.calls.length;
    h.fake.pushUpdate(textMessage('/help', privateChat(ADA)));
    await h.fake.waitFor('sendMessage', { since });
    await h.adapter.stop();
    expect(h.fake.calls.slice(since).some((c) => c.method === 'sendMessage' && c.ok)).toBe(true);
    expect(h.adapter.healthy()).toBe(false);
    const polls = h.fake.callsOf('getUpdates').length;
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.callsOf('getUpdates')).toHaveLength(polls);
  });
});
