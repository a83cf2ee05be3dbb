/**
 * The daily question's multiple-choice format end to end on Telegram: the real adapter (grammY) against
 * the fake Bot API. The scheduler posts the entry's item as a native quiz poll (scored in a group,
 * anonymous in a channel); three members answer it with `poll_answer` updates, and the reveal, a reply
 * to the poll, says how many answered and the share right.
 */
import type { Chat, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import type { ApiCall, FakeTelegram, UpdateInput } from '../fakes/telegram.ts';
import { type Clock, subscription } from './helpers.ts';
import { liveTelegram } from './live.ts';

const GROUP: Chat.SupergroupChat = { id: -1005550011, type: 'supergroup', title: 'ML quiz' };
const CHANNEL: Chat.ChannelChat = { id: -1005550012, type: 'channel', title: 'daily', username: 'dl_q' };
const users: User[] = [1, 2, 3].map((n) => ({ id: 8000 + n, is_bot: false, first_name: `u${n}` }));

const toChat = (id: number) => (c: ApiCall) => String(c.payload.chat_id) === String(id);

function vote(pollId: string, user: User, option: number): UpdateInput {
  return {
    poll_answer: { poll_id: pollId, user, option_ids: [option], option_persistent_ids: [String(option)] },
  } as UpdateInput;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('daily multiple choice end to end on Telegram', () => {
  let fake: FakeTelegram;
  let daily: DailyScheduler;
  let store: Store;
  let clock: Clock;
  let live: Awaited<ReturnType<typeof liveTelegram>>;

  beforeEach(async () => {
    live = await liveTelegram({ at: '2025-06-01T00:30:00Z' });
    ({ fake, daily, store, clock } = live);
    fake.addChat(CHANNEL);
  });
  afterEach(() => live.stop());

  it('posts a scored quiz poll in a group; the reveal replies with the group’s result', async () => {
    await store.daily.putSubscription(subscription(String(GROUP.id), { format: 'choice', locale: 'en' }));
    let since = fake.calls.length;
    clock.set('2025-06-01T01:00:00Z');
    await daily.tick();
    const poll = await fake.waitFor('sendPoll', { since, where: toChat(GROUP.id) });
    expect(poll.payload).toMatchObject({ type: 'quiz', is_anonymous: false });
    expect(fake.calls.slice(since).some((c) => c.method === 'sendMessage' && toChat(GROUP.id)(c))).toBe(
      false,
    );
    const sent = poll.result as { message_id: number; poll: { id: string } };
    const correct = Number(poll.payload.correct_option_id);
    const wrong = (correct + 1) % 4;

    // Two right, one wrong (and a duplicate update that counts once).
    fake.pushUpdate(vote(sent.poll.id, users[0] as User, correct));
    fake.pushUpdate(vote(sent.poll.id, users[1] as User, correct));
    fake.pushUpdate(vote(sent.poll.id, users[2] as User, wrong));
    fake.pushUpdate(vote(sent.poll.id, users[2] as User, wrong));
    await until(async () => (await store.answers.answersIn(`telegram:${GROUP.id}`)).length === 3);

    since = fake.calls.length;
    clock.set('2025-06-01T09:00:00Z');
    await daily.tick();
    const reveal = await fake.waitFor('sendMessage', { since, where: toChat(GROUP.id) });
    expect(reveal.payload.reply_parameters).toMatchObject({ message_id: sent.message_id });
    expect(String(reveal.payload.text)).toContain('📊 3 people answered, 67 % right');
  });

  it('posts an anonymous, unscored quiz poll in a channel, and the reveal has no result', async () => {
    await store.daily.putSubscription(subscription(String(CHANNEL.id), { format: 'choice' }));
    let since = fake.calls.length;
    clock.set('2025-06-01T01:00:00Z');
    const { outcomes } = await daily.tick();
    expect(outcomes.map((o) => o.status)).toEqual(['sent']);
    const poll = await fake.waitFor('sendPoll', { since, where: toChat(CHANNEL.id) });
    expect(poll.ok).toBe(true);
    expect(poll.payload).toMatchObject({ type: 'quiz', is_anonymous: true });
    expect(await store.polls.recall((poll.result as { poll: { id: string } }).poll.id)).toBeUndefined();

    since = fake.calls.length;
    clock.set('2025-06-01T09:00:00Z');
    await daily.tick();
    const reveal = await fake.waitFor('sendMessage', { since, where: toChat(CHANNEL.id) });
    expect(String(reveal.payload.text)).toContain('参考答案');
    expect(String(reveal.payload.text)).not.toContain('📊');
  });
});
