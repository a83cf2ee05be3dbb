import type { Update } from 'grammy/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/adapters/telegram/webhook.ts';
import { freePort } from '../support/free-port.ts';
import { ADA, BOB, type Harness, privateChat, startHarness, textMessage } from './harness.ts';

const secret = 'webhook-secret-0123456789';
const WINDOW_MS = 200;
let h: Harness;
let url: string;
let nextId = 7000;
const failures: string[] = [];
const rejections: string[] = [];
const onRejection = (reason: unknown) =>
  rejections.push(reason instanceof Error ? reason.message : String(reason));

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret, ...headers },
    body,
  });
const update = (input: Omit<Update, 'update_id'>) => JSON.stringify({ ...input, update_id: nextId++ });

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  const port = await freePort();
  url = `http://127.0.0.1:${port}/tg-hook`;
  h = await startHarness({
    adapter: {
      webhook: { url, port, secret, answerWithinMs: WINDOW_MS },
      onUpdateError: (reason) => failures.push(reason),
    },
  });
});
afterEach(() => {
  expect(rejections).toEqual([]);
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await h.stop();
});

describe('an update that outlives the answer window, then fails', () => {
  it.each([
    ['500', { error_code: 500, description: 'Internal Server Error' }, 'transient'],
    ['403', { error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 'gone'],
  ] as const)(
    '(%s) is answered 200 in time, logged without its text, counted, and the bot goes on',
    async (_, failure, reason) => {
      const before = failures.length;
      const logged = h.logs.length;
      // The reply's send fails only after 10 windows: the 200 must come first (ordering, not a stopwatch,
      // with room for a busy machine).
      h.fake.failNext('sendMessage', failure, 1, { delayMs: WINDOW_MS * 10 });
      const since = h.fake.calls.length;
      const res = await post(update(textMessage('/search secret-user-words', privateChat(ADA))));
      expect(res.status).toBe(200);
      expect(failures.length).toBe(before);
      await until(() => failures.length > before);
      expect(failures.at(-1)).toBe(reason);
      // Let the failure settle (an unhandled rejection fires on the next turn), then the next update works.
      await new Promise((r) => setTimeout(r, 50));
      const next = await post(update(textMessage('/help', privateChat(BOB))));
      expect(next.status).toBe(200);
      await h.fake.waitFor('sendMessage', { since, where: (c) => c.ok && c.payload.chat_id === BOB.id });
      const lines = h.logs.slice(logged).join('');
      expect(lines).toContain('telegram');
      expect(lines).not.toContain('secret-user-words');
    },
  );

  it('a chat queued behind a slow one fails (403) without taking the others down', async () => {
    const before = failures.length;
    const blocked = { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
    h.fake.failNext('sendMessage', blocked, 1, { delayMs: WINDOW_MS * 2 });
    h.fake.failNext('sendMessage', blocked);
    const since = h.fake.calls.length;
    const answers = await Promise.all([
      post(update(textMessage('/help', privateChat(ADA)))),
      post(update(textMessage('/help', privateChat(ADA)))),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    await until(() => failures.length >= before + 2);
    await new Promise((r) => setTimeout(r, 50));
    const next = await post(update(textMessage('/help', privateChat(BOB))));
    expect(next.status).toBe(200);
    await h.fake.waitFor('sendMessage', { since, where: (c) => c.ok && c.payload.chat_id === BOB.id });
  });
});

describe('request bodies', () => {
  const huge = (bytes: number) => update(textMessage(`/search ${'x'.repeat(bytes)}`, privateChat(ADA)));

  it('refuses a body over the limit with 413, declared or streamed, and keeps serving', async () => {
    const since = h.fake.calls.length;
    expect((await post(huge(2 * MAX_BODY_BYTES))).status).toBe(413);
    // Without a content-length: the limit holds while reading.
    const body = huge(2 * MAX_BODY_BYTES);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(body);
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const streamed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: stream,
      duplex: 'half',
    } as RequestInit).then(
      (r) => r.status,
      () => 'connection closed',
    );
    expect([413, 'connection closed']).toContain(streamed);
    expect(h.fake.calls.slice(since).filter((c) => c.method === 'sendMessage')).toEqual([]);
    const ok = await post(update(textMessage('/help', privateChat(BOB))));
    expect(ok.status).toBe(200);
    await h.fake.waitFor('sendMessage', { since, where: (c) => c.payload.chat_id === BOB.id });
  });

  it('checks the secret before reading the body', async () => {
    const res = await post(huge(2 * MAX_BODY_BYTES), { 'x-telegram-bot-api-secret-token': 'wrong' });
    expect(res.status).toBe(401);
  });
});
