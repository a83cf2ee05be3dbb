/** Platform errors through the real grammY bot: 429, 403, migration, failing handlers, network errors. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDeliveryError } from '../../src/adapters/telegram/errors.ts';
import { DeliveryError } from '../../src/kernel/outbox.ts';
import type { ApiCall } from '../fakes/telegram.ts';
import { ADA, type Harness, OLD_GROUP, privateChat, startHarness, textMessage } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
  // Every log line of the whole file, errors included, is free of the token.
  expect(h.logs.join('')).not.toContain(h.fake.token);
  expect(h.logs.join('')).not.toContain(h.fake.token.split(':')[1]);
});

async function logLine(match: RegExp, timeoutMs = 3000): Promise<string> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const line = h.logs.find((l) => match.test(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no log line matching ${match}`);
}

async function sendFailure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
}

describe('flood control', () => {
  it('retries a sendMessage answered 429 after retry_after', async () => {
    h.fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    const since = h.fake.calls.length;
    const ok = await h.ask(textMessage('/help', privateChat(ADA)), 'sendMessage');
    expect(ok.ok).toBe(false);
    const retried = await h.fake.waitFor('sendMessage', { since, where: (c) => c.ok });
    expect(retried.payload.text).toBe(ok.payload.text);
    expect(retried.at - ok.at).toBeGreaterThanOrEqual(900);
  });
});

describe('a chat that is gone (403)', () => {
  it('logs and classifies it, sends no apology, and keeps serving', async () => {
    h.fake.failNext('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    const failed = await h.ask(textMessage('/help', privateChat(ADA)));
    expect(failed.failure?.error_code).toBe(403);
    expect(await logLine(/"delivery":"gone".*bot blocked or removed/)).toContain('"chat":"1001"');
    const next = await h.ask(textMessage('/help', privateChat(ADA)));
    expect(next.ok).toBe(true);
    expect(h.fake.calls.slice(h.fake.calls.indexOf(failed) + 1, h.fake.calls.indexOf(next))).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ method: 'sendMessage' })]),
    );
  });
});

describe('send() for scheduled posts', () => {
  const reply = { title: 'Daily <question>', body: '**bold** & `code`' };

  it('resolves to the first message id and can answer an earlier message', async () => {
    const since = h.fake.calls.length;
    const id = await h.adapter.send('-100555', reply, { replyTo: '7', locale: 'en' });
    const call = await h.fake.waitFor('sendMessage', { since });
    expect(id).toBe(String((call.result as { message_id: number }).message_id));
    expect(call.payload).toMatchObject({ chat_id: '-100555', reply_parameters: { message_id: 7 } });
    expect(call.payload.text).toBe('<b>Daily &lt;question&gt;</b>\n\n<b>bold</b> &amp; <code>code</code>');
  });

  it('maps failures: 403 and chat not found are gone, 429 rate-limited, 5xx and network transient', async () => {
    h.fake.failNext('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was kicked from the channel',
    });
    expect((await sendFailure(h.adapter.send('-1001', reply))).kind).toBe('gone');
    h.fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
    expect((await sendFailure(h.adapter.send('-1001', reply))).kind).toBe('gone');
    h.fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 120',
      parameters: { retry_after: 120 },
    });
    const limited = await sendFailure(h.adapter.send('-1001', reply));
    expect(limited).toMatchObject({ kind: 'rate-limited', retryAfterMs: 120_000 });
    h.fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    expect((await sendFailure(h.adapter.send('-1001', reply))).kind).toBe('transient');
  });

  it('classifies a connection lost after the request was sent as ambiguous (it may have arrived)', async () => {
    h.fake.dropNext('sendMessage');
    const network = await sendFailure(h.adapter.send('-1001', reply));
    expect(network.kind).toBe('ambiguous');
    expect(network.message).not.toContain(h.fake.token);
    h.fake.dropAnswerNext('sendMessage');
    const since = h.fake.calls.length;
    expect((await sendFailure(h.adapter.send('-1001', reply))).kind).toBe('ambiguous');
    expect(h.fake.calls.slice(since).filter((c) => c.method === 'sendMessage' && c.ok)).toHaveLength(1);
  });

  it('classifies a refused connection as transient: nothing reached Telegram', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const bot = new Bot(h.fake.token, {
      botInfo: h.fake.botInfo,
      client: { apiRoot: `http://127.0.0.1:${port}` },
    });
    const error = await bot.api.sendMessage(1, 'x').then(
      () => null,
      (e: unknown) => e,
    );
    expect(toDeliveryError(error).kind).toBe('transient');
  });

  it('classifies a long post cut after its first part as ambiguous, whatever failed next', async () => {
    const long = { title: 'Long', body: 'x'.repeat(6000) };
    h.fake.passNext('sendMessage');
    h.fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    const since = h.fake.calls.length;
    expect((await sendFailure(h.adapter.send('-1001', long))).kind).toBe('ambiguous');
    expect(h.fake.calls.slice(since).map((c) => c.ok)).toEqual([true, false]);
  });
});

describe('a group that became a supergroup', () => {
  it('moves the chat data to the new id and retries there', async () => {
    const store = h.router.services.store;
    const newId = -100777;
    h.fake.failNext('sendMessage', {
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: newId },
    });
    const since = h.fake.calls.length;
    h.fake.pushUpdate(textMessage('/quiz', OLD_GROUP));
    const retried = await h.fake.waitFor('sendMessage', { since, where: (c) => c.ok });
    expect(retried.payload.chat_id).toBe(newId);
    expect(await store.quiz.recent(`telegram:${newId}`)).toHaveLength(1);
    expect(await store.quiz.recent(`telegram:${OLD_GROUP.id}`)).toEqual([]);
  });

  it('follows the migrate_to_chat_id service message', async () => {
    const store = h.router.services.store;
    await h.ask(textMessage('/quiz', { id: -5151, type: 'group', title: 'g' }));
    const quizzed = await store.quiz.recent('telegram:-5151');
    expect(quizzed).toHaveLength(1);
    h.fake.pushUpdate({
      message: {
        message_id: 1,
        date: 0,
        chat: { id: -5151, type: 'group', title: 'g' },
        from: ADA,
        migrate_to_chat_id: -1005151,
      },
    } as Parameters<typeof h.fake.pushUpdate>[0]);
    await logLine(/migrated to a supergroup.*-1005151|-1005151.*migrated to a supergroup/);
    expect(await store.quiz.recent('telegram:-1005151')).toEqual(quizzed);
  });
});

describe('a failing handler', () => {
  it('is logged with the update id, answered with an apology, and the bot keeps serving', async () => {
    h.fake.failNext('sendMessage', {
      error_code: 400,
      description: "Bad Request: can't parse entities: unsupported start tag",
    });
    const since = h.fake.calls.length;
    const update = h.fake.pushUpdate(textMessage('/help', privateChat(ADA)));
    const apology = await h.fake.waitFor('sendMessage', { since, where: (c) => c.ok });
    expect(apology.payload.text).toBe('抱歉，出了点问题，已记录下来。请稍后再试。');
    expect(apology.payload.parse_mode).toBeUndefined();
    expect(await logLine(/telegram update failed/)).toContain(`"updateId":${update.update_id}`);
    const next: ApiCall = await h.ask(textMessage('/help', privateChat(ADA)));
    expect(next.ok).toBe(true);
  });

  it('survives a lost getUpdates connection and logs it without the token', async () => {
    h.fake.dropNext('getUpdates');
    await logLine(/getUpdates failed/);
    const next = await h.ask(textMessage('/help', privateChat(ADA)));
    expect(next.ok).toBe(true);
  });
});
