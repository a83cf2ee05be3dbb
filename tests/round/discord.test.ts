/**
 * A round in a Discord server, the real discord.js client against the fake: each question posted with
 * buttons A–D (no mentions), presses answered privately, and the scoreboard posted after the last one
 * closes, by right answers then time, without pinging anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoundRunner, type RoundRunner } from '../../src/features/round/runner.ts';
import { callbackData, customIds, embedOf, type Harness, startHarness } from '../discord/harness.ts';
import { CHANNEL_ID, press, slash, type Where } from '../discord/payloads.ts';
import type { Json } from '../fakes/discord.ts';
import { question } from './helpers.ts';

describe('a round in a Discord server', () => {
  let h: Harness;
  let runner: RoundRunner;
  let offset = 0;
  beforeAll(async () => {
    h = await startHarness();
    runner = createRoundRunner({
      services: h.router.services,
      log: h.log,
      now: () => new Date(Date.now() + offset),
    });
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
  async function answer(body: Json, letter: number, who: number) {
    const message = h.fake.message(CHANNEL_ID, body);
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
});
