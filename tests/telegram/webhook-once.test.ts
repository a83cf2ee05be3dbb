/**
 * Webhook mode answers each update once: Telegram resending an update (one after the other, or while the
 * first delivery is still being handled), and one update reaching two replicas that share a store. The
 * repeats are acknowledged with 200 (so Telegram stops resending) and answered by nobody.
 */
import { createServer } from 'node:net';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegram } from '../../src/adapters/telegram/index.ts';
import { createRouter, loadIndexedKnowledge } from '../../src/app/services.ts';
import { memoryAppStore } from '../../src/app/store.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { ADA, BOB, privateChat, textMessage } from './harness.ts';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const secret = 'webhook-secret-0123456789';
let nextId = 9000;

/** POSTs an update to a webhook as Telegram does. */
const post = (url: string, update: Update) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(update),
  });

const help = (user = ADA) => ({ ...textMessage('/help', privateChat(user)), update_id: nextId++ }) as Update;

let fake: FakeTelegram;
/** Two replicas: two bots (each its own router and webhook server) over one store. */
const replicas: { url: string; stop: () => Promise<void> }[] = [];

beforeAll(async () => {
  fake = await FakeTelegram.start();
  const store = memoryAppStore();
  const knowledge = loadIndexedKnowledge();
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/tg-hook`;
    const router = await createRouter({ knowledge, store });
    const adapter = await startTelegram({
      router,
      token: fake.token,
      apiRoot: fake.apiRoot,
      botInfo: fake.botInfo,
      log: silentLogger(),
      webhook: { url, port, secret },
    });
    replicas.push({ url, stop: () => adapter.stop() });
  }
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await fake.close();
});

/** The replies sent to a chat so far, counted once a later update of another chat was answered. */
async function repliesTo(chatId: number): Promise<number> {
  const since = fake.calls.length;
  // A fresh update of another chat, sent last: once it is answered, any repeat would have been too
  // (each delivery was already acknowledged, and acknowledged only after being handled).
  const last = help(BOB);
  expect((await post(replicas[0]?.url ?? '', last)).status).toBe(200);
  await fake.waitFor('sendMessage', { since, where: (c) => c.payload.chat_id === BOB.id });
  return fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === chatId).length;
}

describe('an update delivered more than once', () => {
  it('is answered once when Telegram resends it after the first was answered', async () => {
    const url = replicas[0]?.url ?? '';
    const before = fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === ADA.id).length;
    const update = help();
    expect((await post(url, update)).status).toBe(200);
    expect((await post(url, update)).status).toBe(200);
    expect((await post(url, update)).status).toBe(200);
    expect((await repliesTo(ADA.id)) - before).toBe(1);
  });

  it('is answered once when both deliveries arrive at once', async () => {
    const url = replicas[0]?.url ?? '';
    const before = fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === ADA.id).length;
    const update = help();
    const statuses = await Promise.all([post(url, update), post(url, update)]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200]);
    expect((await repliesTo(ADA.id)) - before).toBe(1);
  });

  it('is answered once when it reaches two replicas sharing the store', async () => {
    const before = fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === ADA.id).length;
    const updates = [help(), help(), help()];
    const statuses = await Promise.all(
      updates.flatMap((u) => replicas.map((r) => post(r.url, u).then((res) => res.status))),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await repliesTo(ADA.id)) - before).toBe(3);
  });
});
