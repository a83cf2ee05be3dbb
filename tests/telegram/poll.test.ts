import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHOICE_LETTERS } from '../../src/features/knowledge/schema.ts';
import { parseAnswer } from '../../src/features/mcq/asked.ts';
import { ORDERS } from '../../src/features/mcq/order.ts';
import { chatKey, userKey } from '../../src/kernel/identity.ts';
import type { Router } from '../../src/kernel/router.ts';
import type { ApiCall, UpdateInput } from '../fakes/telegram.ts';
import { freePort } from '../support/free-port.ts';
import { ADA, BOB, CHANNEL, channelPost, GROUP, type Harness, startHarness, textMessage } from './harness.ts';

let answerId = 9000;
/** A vote in a poll, as Telegram sends it for a non-anonymous poll. */
function pollAnswer(pollId: string, user: User, option?: number): UpdateInput {
  answerId += 1;
  const options = option === undefined ? [] : [option];
  return {
    poll_answer: { poll_id: pollId, user, option_ids: options, option_persistent_ids: options.map(String) },
  } as UpdateInput;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const pollOf = (call: ApiCall) => (call.result as { poll: { id: string } }).poll;

/** The option the poll says is right agrees with the item the answer actions name. */
async function expectConsistent(router: Router, call: ApiCall, pollId: string): Promise<void> {
  const remembered = await router.services.polls?.recall(pollId);
  const parsed = parseAnswer(remembered?.answers[0]?.split(':').slice(2) ?? []);
  if (!parsed) throw new Error('no answer actions remembered');
  const item = router.services.kb.get(parsed.asked.entryId)?.choices?.[parsed.asked.item];
  const own = CHOICE_LETTERS.indexOf(item?.answer ?? 'A');
  expect(call.payload.correct_option_id).toBe(ORDERS[parsed.asked.order]?.indexOf(own));
  expect((call.payload.options as { text: string }[])[Number(call.payload.correct_option_id)]?.text).toBe(
    item?.options[own],
  );
}

describe('telegram quiz polls (long polling)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('asks for poll_answer updates', async () => {
    const poll = await h.fake.waitFor('getUpdates');
    expect(poll.payload.allowed_updates).toContain('poll_answer');
  });

  it('posts /mcq in a group as a scored quiz poll with a deep link to the full answer', async () => {
    const call = await h.ask(textMessage('/mcq', GROUP, ADA), 'sendPoll');
    expect(call.payload).toMatchObject({ chat_id: GROUP.id, type: 'quiz', is_anonymous: false });
    expect(call.payload.options).toHaveLength(4);
    expect(String(call.payload.explanation).length).toBeGreaterThan(0);
    const buttons = (call.payload.reply_markup as { inline_keyboard: { url?: string }[][] }).inline_keyboard;
    expect(buttons.flat()[0]?.url).toMatch(/^https:\/\/t\.me\/dlkb_test_bot\?start=/);
    const poll = pollOf(call);
    // Remembered once the answer of sendPoll reached the bot.
    await until(async () => (await h.router.services.polls?.recall(poll.id)) !== undefined);
    expect(await h.router.services.polls?.recall(poll.id)).toMatchObject({
      chatKey: chatKey('telegram', String(GROUP.id)),
      chatKind: 'group',
    });
    await expectConsistent(h.router, call, poll.id);
  });

  it('records each person’s vote once, sends nothing back, and feeds their review', async () => {
    const call = await h.ask(textMessage('/mcq', GROUP, ADA), 'sendPoll');
    const poll = pollOf(call);
    const right = Number(call.payload.correct_option_id);
    const since = h.fake.calls.length;
    const group = chatKey('telegram', String(GROUP.id));
    const before = (await h.router.services.scores.answersIn(group)).length;
    h.fake.pushUpdate(pollAnswer(poll.id, ADA, right));
    h.fake.pushUpdate(pollAnswer(poll.id, BOB, (right + 1) % 4));
    h.fake.pushUpdate(pollAnswer(poll.id, ADA, right)); // delivered twice
    h.fake.pushUpdate(pollAnswer(poll.id, BOB)); // a retracted vote
    h.fake.pushUpdate(pollAnswer('unknown-poll', BOB, 0));
    await until(async () => (await h.router.services.scores.answersIn(group)).length === before + 2);
    await new Promise((r) => setTimeout(r, 300));
    const records = (await h.router.services.scores.answersIn(group)).slice(before);
    expect(records).toHaveLength(2);
    const ada = records.find((r) => r.userKey === userKey('telegram', String(ADA.id)));
    const bob = records.find((r) => r.userKey === userKey('telegram', String(BOB.id)));
    expect(ada).toMatchObject({ correct: true, userName: '@ada', platform: 'telegram' });
    expect(bob).toMatchObject({ correct: false });
    expect(h.fake.calls.slice(since).filter((c) => c.method.startsWith('send'))).toEqual([]);
    const reviews = h.router.services.store.reviews;
    expect((await reviews.get(userKey('telegram', String(ADA.id)), ada?.entryId ?? ''))?.lastRating).toBe(3);
    expect((await reviews.get(userKey('telegram', String(BOB.id)), bob?.entryId ?? ''))?.lastRating).toBe(1);
  });

  it('posts an anonymous, unscored poll in a channel', async () => {
    const call = await h.ask(channelPost('/mcq'), 'sendPoll');
    expect(call.payload).toMatchObject({ chat_id: CHANNEL.id, type: 'quiz', is_anonymous: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(await h.router.services.polls?.recall(pollOf(call).id)).toBeUndefined();
  });

  it('/quiz mode:choice asks a quiz poll too', async () => {
    const call = await h.ask(textMessage('/quiz choice', GROUP, BOB), 'sendPoll');
    expect(call.payload.type).toBe('quiz');
  });
});

describe('telegram quiz polls (webhook)', () => {
  let h: Harness;
  let url: string;
  const secret = 'webhook-secret-0123456789';
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/tg-hook`;
    h = await startHarness({ adapter: { webhook: { url, port, secret } } });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('asks for poll_answer updates and records a vote that arrives by webhook', async () => {
    const hook = await h.fake.waitFor('setWebhook');
    expect(hook.payload.allowed_updates).toContain('poll_answer');
    const post = (update: UpdateInput) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify({ ...update, update_id: ++answerId }),
      });
    const since = h.fake.calls.length;
    await post(textMessage('/mcq', GROUP, ADA));
    const call = await h.fake.waitFor('sendPoll', { since });
    await post(pollAnswer(pollOf(call).id, BOB, Number(call.payload.correct_option_id)));
    const group = chatKey('telegram', String(GROUP.id));
    await until(async () => (await h.router.services.scores.answersIn(group)).length === 1);
    expect((await h.router.services.scores.answersIn(group))[0]).toMatchObject({
      correct: true,
      userName: 'Bob',
    });
  });
});
