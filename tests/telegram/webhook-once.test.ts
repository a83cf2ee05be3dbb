import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegram } from '../../src/adapters/telegram/index.ts';
import { createRouter, loadIndexedKnowledge } from '../../src/app/services.ts';
import { memoryAppStore } from '../../src/app/store.ts';
import { STALE_CLAIM_MS } from '../../src/features/updates/once.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { freePort } from '../support/free-port.ts';
import { ADA, BOB, privateChat, textMessage } from './harness.ts';

const secret = 'webhook-secret-0123456789';
let nextId = 9000;

/** POSTs an update to a webhook as Telegram does. */
const post = (url: string, update: Update) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(update),
  });

/**
 * Delivers an update as Telegram does: a delivery not answered 200 is sent again (here after 50 ms) until
 * one is. Returns every delivery's status.
 */
async function deliver(url: string, update: Update): Promise<number[]> {
  const statuses: number[] = [];
  while (statuses.at(-1) !== 200) {
    if (statuses.length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    if (statuses.length >= 40) throw new Error(`update never answered 200: ${statuses.join(', ')}`);
    statuses.push((await post(url, update)).status);
  }
  return statuses;
}

const help = (user = ADA) => ({ ...textMessage('/help', privateChat(user)), update_id: nextId++ }) as Update;

let fake: FakeTelegram;
/** The store both replicas share. */
const store = memoryAppStore();
/** Two replicas: two bots (each its own router and webhook server) over one store. */
const replicas: { url: string; stop: () => Promise<void> }[] = [];

beforeAll(async () => {
  fake = await FakeTelegram.start();
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
    const [one, two] = await Promise.all([deliver(url, update), deliver(url, update)]);
    // One is handled (200 at once); the other finds it being handled (503, resent) or done (200).
    expect([one?.[0], two?.[0]]).toContain(200);
    for (const status of [...(one ?? []), ...(two ?? [])]) expect([200, 503]).toContain(status);
    expect((await repliesTo(ADA.id)) - before).toBe(1);
  });

  it('is answered once when it reaches two replicas sharing the store', async () => {
    const before = fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === ADA.id).length;
    const updates = [help(), help(), help()];
    const deliveries = await Promise.all(updates.flatMap((u) => replicas.map((r) => deliver(r.url, u))));
    for (let i = 0; i < updates.length; i++) {
      const pair = deliveries.slice(i * 2, i * 2 + 2);
      expect(pair.map((statuses) => statuses[0])).toContain(200);
      for (const status of pair.flat()) expect([200, 503]).toContain(status);
    }
    expect((await repliesTo(ADA.id)) - before).toBe(3);
  });
});

describe('an update whose handling failed', () => {
  it('is marked done too: apologised for once, a repeat dropped with 200', async () => {
    const url = replicas[0]?.url ?? '';
    const toAda = () => fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === ADA.id);
    const before = toAda().length;
    fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: message is too long' });
    const update = help();
    expect((await post(url, update)).status).toBe(200);
    // The failed reply and the apology.
    expect((await repliesTo(ADA.id)) - before).toBe(2);
    expect(toAda().at(-1)?.ok).toBe(true);
    expect((await post(replicas[1]?.url ?? '', update)).status).toBe(200);
    expect((await repliesTo(ADA.id)) - before).toBe(2);
  });
});

describe('an update whose replica died handling it', () => {
  /** The id a replica claims for an update (the bot's id and the update's). */
  const claimId = (update: Update) => `${fake.botInfo.id}:${update.update_id}`;

  it('is refused with 503, unanswered, while the dead replica claimed it lately', async () => {
    const url = replicas[0]?.url ?? '';
    const before = fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === ADA.id).length;
    const update = help();
    // Claimed by a replica killed (SIGKILL) before it marked the update done or answered Telegram.
    expect(await store.updates.claim('telegram', claimId(update), Date.now(), 0)).toBe('claimed');
    expect((await post(url, update)).status).toBe(503);
    expect((await post(replicas[1]?.url ?? '', update)).status).toBe(503);
    expect((await repliesTo(ADA.id)) - before).toBe(0);
  });

  it('is taken over and answered once when the claim is older than the staleness bound', async () => {
    const url = replicas[1]?.url ?? '';
    const before = fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === ADA.id).length;
    const update = help();
    const claimedAt = Date.now() - STALE_CLAIM_MS - 1_000;
    expect(await store.updates.claim('telegram', claimId(update), claimedAt, 0)).toBe('claimed');
    expect((await post(url, update)).status).toBe(200);
    expect((await repliesTo(ADA.id)) - before).toBe(1);
    // Handled and marked done: further repeats, on either replica, are dropped.
    expect((await post(url, update)).status).toBe(200);
    expect((await post(replicas[0]?.url ?? '', update)).status).toBe(200);
    expect((await repliesTo(ADA.id)) - before).toBe(1);
  });

  it('is dropped with 200, unanswered, once it was marked done', async () => {
    const url = replicas[0]?.url ?? '';
    const before = fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === ADA.id).length;
    const update = help();
    // Handled by a replica that then died before its 200 reached Telegram.
    await store.updates.claim('telegram', claimId(update), Date.now() - STALE_CLAIM_MS - 1_000, 0);
    await store.updates.done('telegram', claimId(update), Date.now());
    expect((await post(url, update)).status).toBe(200);
    expect((await repliesTo(ADA.id)) - before).toBe(0);
  });
});
