/**
 * A round in a Discord server, the real discord.js client against the fake: each question posted with
 * buttons A–D (no mentions), presses answered privately, and the scoreboard posted after the last one
 * closes, by right answers then time, without pinging anyone. Each question, once its time is up (or
 * its round stopped), is edited to show how many chose each option and the right one, without answer
 * buttons, exactly once; a press after that is told the answer and not recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoundRunner, type RoundRunner } from '../../src/features/round/runner.ts';
import { chatKey } from '../../src/kernel/identity.ts';
import { callbackData, customIds, embedOf, type Harness, startHarness } from '../discord/harness.ts';
import { CHANNEL_ID, press, slash, type Where } from '../discord/payloads.ts';
import type { Json } from '../fakes/discord.ts';
import { question } from './helpers.ts';

const INTERVAL = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a round in a Discord server', () => {
  let h: Harness;
  let runner: RoundRunner;
  let offset = 0;
  beforeAll(async () => {
    h = await startHarness({ tuning: { redrawEveryMs: INTERVAL } });
    // One clock for the runner and the presses: the wall clock, `offset` ahead.
    h.router.services.now = () => new Date(Date.now() + offset);
    runner = createRoundRunner({ services: h.router.services, log: h.log });
    h.router.services.rounds = runner;
    runner.attach(h.adapter);
  });
  afterAll(async () => {
    await h.close();
  });

  const user = (n: number): Where => ({ userId: String(400000000000000100n + BigInt(n)), locale: 'en-US' });
  const posts = () =>
    h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);
  /** Moves the runner's clock `ms` ahead of the wall clock and ticks. */
  async function at(ms: number): Promise<void> {
    offset = ms;
    await runner.tick();
  }
  /** The id of the `n`th message posted in the channel (0 first). */
  const postedId = (n: number) => [...h.fake.posted.keys()][n] ?? '';
  async function answer(body: Json, letter: number, who: number, messageId?: string) {
    const message = (messageId && h.fake.posted.get(messageId)) || h.fake.message(CHANNEL_ID, body);
    const id = customIds(body)[0]?.[letter] ?? '';
    const callback = await h.fake.interact(press(h.fake.applicationId, id, message, user(who)));
    return callbackData(callback);
  }

  /** Which button (0–3) of a posted question is right, and one that is wrong. */
  function rightAndWrong(body: Json) {
    const ids = customIds(body)[0] ?? [];
    const q = question(h.router, { buttons: [ids.map((action) => ({ label: '?', action }))] });
    const right = ids.indexOf(q.right);
    return { right, wrong: (right + 1) % 4 };
  }

  it('plays two questions with buttons and posts the scoreboard, mentioning no one', async () => {
    const start = await h.fake.interact(
      slash(h.fake.applicationId, 'round', { count: 2, seconds: 10 }, user(0)),
    );
    expect(String(embedOf(callbackData(start)).description)).toContain(
      '2 multiple-choice questions, 10 s each',
    );
    await at(3000);
    expect(posts()).toHaveLength(1);
    const q1 = posts()[0]?.body as Json;
    expect(String(embedOf(q1).title)).toMatch(/^Question 1\/2 · 10 s · /);
    expect(customIds(q1)[0]).toHaveLength(4);
    expect(q1.allowed_mentions).toEqual({ parse: [] });
    // Player 2 answers both right, player 1 only the first: player 2 leads.
    const first = rightAndWrong(q1);
    const verdict = await answer(q1, first.right, 1);
    expect(verdict.flags).toBe(64);
    expect(String(embedOf(verdict).description)).toMatch(/^✅/);
    await answer(q1, first.right, 2);
    await at(13_000);
    expect(posts()).toHaveLength(2);
    const q2 = posts()[1]?.body as Json;
    const second = rightAndWrong(q2);
    await answer(q2, second.wrong, 1);
    await answer(q2, second.right, 2);
    await at(23_000);
    expect(posts()).toHaveLength(3);
    const board = posts()[2]?.body as Json;
    expect(board.allowed_mentions).toEqual({ parse: [] });
    const lines = String(embedOf(board).description).split('\n');
    expect(lines[0]).toMatch(/^🥇 .+: 2\/2 right/);
    expect(lines[1]).toMatch(/^🥈 .+: 1\/2 right/);
    expect(lines.join('\n')).not.toMatch(/<@/);
    expect(String(embedOf(board).title)).toBe('🏆 Round over');
    await at(60_000);
    expect(posts()).toHaveLength(3);
  });

  /** The closed message's distribution line, footer and whether answer buttons are left. */
  function closedView(messageId: string) {
    const edits = h.fake.edits(messageId).filter((e) => /Answers:/.test(JSON.stringify(e.body)));
    const body = (edits.at(-1)?.body ?? {}) as Json;
    return {
      edits: edits.length,
      line: /Answers: (.+)/.exec(String(embedOf(body).description))?.[1] ?? '',
      footer: String((embedOf(body).footer as Json | undefined)?.text ?? ''),
      answerButtons: customIds(body)
        .flat()
        .filter((id) => id.startsWith('mcq:a:')).length,
      title: String(embedOf(body).title),
    };
  }

  it('closes each question when its time is up, and when the round is stopped, exactly once', async () => {
    offset = 100_000;
    const before = h.fake.posted.size;
    await h.fake.interact(slash(h.fake.applicationId, 'round', { count: 3, seconds: 10 }, user(0)));
    await at(103_000);
    const q1 = posts().at(-1)?.body as Json;
    const q1Id = postedId(before);
    const { right, wrong } = rightAndWrong(q1);
    // Presses on the posted message itself: their count redraws are paced, one still waiting at the close.
    await answer(q1, right, 1, q1Id);
    await answer(q1, wrong, 2, q1Id);
    await answer(q1, right, 3, q1Id);
    await at(113_000);
    await sleep(INTERVAL * 2 + 100);
    const closed = closedView(q1Id);
    expect(closed.edits).toBe(1);
    const letters = ['A', 'B', 'C', 'D'];
    const expected = letters
      .map((l, i) => `${l} ${i === right ? 2 : i === wrong ? 1 : 0}${i === right ? ' ✅' : ''}`)
      .join(' · ');
    expect(closed.line).toBe(expected);
    expect(closed.footer).toBe('Closed · 3 answered');
    expect(closed.title).toMatch(/^Question 1\/3 · 10 s · /);
    expect(closed.answerButtons).toBe(0);
    // The last edit of the message is the closed one: no count redraw brought the buttons back.
    expect(JSON.stringify(h.fake.edits(q1Id).at(-1)?.body)).toContain('Answers:');
    expect(
      customIds((h.fake.posted.get(q1Id) ?? {}) as Json)
        .flat()
        .some((id) => id.startsWith('mcq:a:')),
    ).toBe(false);

    // A press after the close (the message as it was before): told the answer, privately, not recorded.
    const recorded = async () =>
      (await h.router.services.scores.answersIn(chatKey('discord', CHANNEL_ID))).length;
    const count = await recorded();
    const late = await answer(q1, wrong, 4);
    expect(late.flags).toBe(64);
    expect(String(embedOf(late).description)).toMatch(
      new RegExp(`^This question is closed; the answer was \\*\\*${letters[right]}\\.\\*\\*`),
    );
    expect(await recorded()).toBe(count);

    // Stopped while question 2 is open: it closes at the next tick, with no one's answers.
    const q2Id = postedId(before + 1);
    const stop = await h.fake.interact(slash(h.fake.applicationId, 'round', { stop: 'stop' }, user(0)));
    expect(String(embedOf(callbackData(stop)).title)).toBe('🏆 Round stopped');
    await at(114_000);
    expect(closedView(q2Id)).toMatchObject({ edits: 1, footer: 'Closed · 0 answered', answerButtons: 0 });
    expect(closedView(q2Id).line).toMatch(/^A 0( ✅)? · B 0( ✅)? · C 0( ✅)? · D 0( ✅)?$/);
    await at(200_000);
    expect(closedView(q1Id).edits).toBe(1);
    expect(closedView(q2Id).edits).toBe(1);
    expect(posts().filter((p) => /Question 3\//.test(JSON.stringify(p.body)))).toHaveLength(0);
  });
});
