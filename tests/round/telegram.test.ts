/**
 * A round on Telegram, the real grammY bot against the fake Bot API: the announcement, each question a
 * scored quiz poll with `open_period` and its progress, votes (`poll_answer`) on the scoreboard, and
 * `/round stop` refused for a member, accepted from a group admin (asked of Telegram, server side).
 */
import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundRunner } from '../../src/features/round/runner.ts';
import type { UpdateInput } from '../fakes/telegram.ts';
import {
  ADA,
  BOB,
  GROUP,
  type Harness,
  memberUpdate,
  startHarness,
  textMessage,
} from '../telegram/harness.ts';

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

describe('a round in a Telegram group', () => {
  let h: Harness;
  let runner: RoundRunner;
  beforeAll(async () => {
    h = await startHarness();
    runner = h.router.services.rounds as RoundRunner;
    runner.attach(h.adapter);
  });
  afterAll(async () => {
    await runner.stop();
    await h.stop();
  });

  it('posts quiz polls open for the round’s seconds, scores the votes, and stops for an admin only', async () => {
    const start = await h.ask(textMessage('/round 3 seconds=15', GROUP, BOB));
    expect(String(start.payload.text)).toContain('3 multiple-choice questions, 15 s each');
    await new Promise((r) => setTimeout(r, 2100)); // the first question comes 2 s after the announcement
    const since = h.fake.calls.length;
    await runner.tick();
    const poll = await h.fake.waitFor('sendPoll', { since });
    expect(poll.payload).toMatchObject({
      chat_id: String(GROUP.id),
      type: 'quiz',
      is_anonymous: false,
      open_period: 15,
    });
    expect(String(poll.payload.question)).toMatch(/^Question 1\/3 · 15 s\n/);
    await runner.tick();
    expect(h.fake.calls.filter((c) => c.method === 'sendPoll')).toHaveLength(1);
    const pollId = (poll.result as { poll: { id: string } }).poll.id;
    await until(async () => (await h.router.services.polls?.recall(pollId)) !== undefined);
    const right = Number(poll.payload.correct_option_id);
    h.fake.pushUpdate(vote(pollId, ADA, (right + 1) % 4));
    h.fake.pushUpdate(vote(pollId, BOB, right));
    await until(async () => (await h.router.services.scores.answersIn(`telegram:${GROUP.id}`)).length === 2);

    h.fake.setMember(GROUP.id, ADA.id, 'member');
    const refused = await h.ask(textMessage('/round stop', GROUP, ADA));
    expect(String(refused.payload.text)).toContain('只有发起人（Bob）或管理员');
    h.fake.setMember(GROUP.id, ADA.id, 'administrator');
    h.fake.pushUpdate(memberUpdate(GROUP, ADA, 'administrator'));
    const stopped = await h.ask(textMessage('/round stop', GROUP, ADA));
    const text = String(stopped.payload.text);
    expect(text).toContain('抢答已停止');
    expect(text).toMatch(/🥇 Bob：答对 1\/1/);
    expect(text).toMatch(/🥈 ada：答对 0\/1/);
    expect(text).not.toContain('tg://user');
    expect(text).not.toContain('@ada'); // a username would notify Ada: shown without its @
    expect(await h.router.services.store.rounds.get(`telegram:${GROUP.id}` as never)).toBeUndefined();

    // The week's leaderboard shows the same names, and no @word in it can notify anyone.
    const top = String((await h.ask(textMessage('/top', GROUP, BOB))).payload.text);
    expect(top).toMatch(/ada/);
    expect(top).not.toMatch(/@[\p{L}\p{N}_]/u);
  });
});
