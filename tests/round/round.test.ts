/**
 * Group rounds through the router with an injected clock and a recording outbox: a whole round with
 * several players (scoreboard order and its tie-break, late answers not counted), one round per chat,
 * stopping by the starter or an admin and refused for others, and bad input.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../src/app/router.ts';
import { createRouter } from '../../src/app/services.ts';
import type { RoundRunner } from '../../src/features/round/runner.ts';
import { chatKey } from '../../src/kernel/identity.ts';
import { player, question, RecordingOutbox, T0 } from './helpers.ts';

let router: Router;
let runner: RoundRunner;
let outbox: RecordingOutbox;
let now = T0;

beforeEach(async () => {
  now = T0;
  router = await createRouter({ now: () => new Date(now) });
  runner = router.services.rounds as RoundRunner;
  outbox = new RecordingOutbox();
  runner.attach(outbox);
});

/** Moves the clock to `ms` after T0 and ticks. */
async function at(ms: number): Promise<void> {
  now = T0 + ms;
  await runner.tick();
}

/** Presses `action` `ms` after T0. */
async function press(action: string, id: string, ms: number) {
  now = T0 + ms;
  return router.press(action, player(id));
}

describe('/round', () => {
  it('plays a whole round: questions one after another, then a scoreboard by right answers, then time', async () => {
    const start = await router.invokeText('/round 3 seconds=10', player('S'));
    expect(start?.body).toContain('3 multiple-choice questions, 10 s each');
    await at(1000);
    expect(outbox.sent).toHaveLength(0); // the announcement goes first
    await at(2000);
    const q1 = question(router, outbox.questions()[0]);
    expect(outbox.questions()[0]?.title).toMatch(/^Question 1\/3 · 10 s · /);
    expect(outbox.questions()[0]?.choice?.openSeconds).toBe(10);
    await press(q1.right, 'C', 3000);
    await press(q1.right, 'B', 4000);
    await press(q1.right, 'A', 5000);
    await press(q1.wrong, 'S', 3000);
    await at(11_999);
    expect(outbox.questions()).toHaveLength(1);
    await at(12_000);
    const q2 = question(router, outbox.questions()[1]);
    expect(q2.asked.entryId).not.toBe(q1.asked.entryId);
    await press(q2.wrong, 'C', 13_000);
    await press(q2.right, 'B', 14_000);
    await press(q2.right, 'A', 15_000);
    await press(q2.wrong, 'S', 13_000);
    await at(22_000);
    const q3 = question(router, outbox.questions()[2]);
    for (const id of ['A', 'B', 'C', 'S']) await press(q3.wrong, id, 23_000);
    await at(31_999);
    expect(outbox.sent).toHaveLength(3);
    await press(q3.right, 'D', 32_001); // after it closed at 32 s (before the tick): not counted
    await at(32_100);
    const board = outbox.sent[3]?.reply;
    expect(board?.title).toBe('🏆 Round over');
    // B and A both have 2 right; B took 5 s in all, A 7 s. C has 1. S (the starter) is fourth.
    const lines = board?.body?.split('\n') ?? [];
    expect(lines.slice(0, 4)).toEqual([
      '🥇 Player B: 2/3 right · 5.0 s',
      '🥈 Player A: 2/3 right · 7.0 s',
      '🥉 Player C: 1/3 right · 3.0 s',
      '',
    ]);
    expect(lines[4]).toMatch(/^Your place: \S*4\. Player S: 0\/3 right · 3\.0 s$/u);
    expect(lines).toHaveLength(5);
    expect(board?.body).not.toContain('Player D');
    expect(board?.footer).toContain('3 questions · 4 players');
    // Over: nothing more is posted, and a new round may start.
    await at(60_000);
    expect(outbox.sent).toHaveLength(4);
    expect(await router.services.store.rounds.get(chatKey('discord', '500'))).toBeUndefined();
  });

  it('runs one round per chat and says how far the running one is', async () => {
    await router.invokeText('/round 5', player('S'));
    await at(2000);
    const second = await router.invokeText('/round', player('A'));
    expect(second?.body).toContain('already running in this chat: 1/5');
    expect(second?.private).toBe(true);
    const elsewhere = await router.invokeText('/round 2', {
      ...player('A'),
      chat: { id: '501', kind: 'group' },
    });
    expect(elsewhere?.body).toContain('Round on');
  });

  it('is stopped by its starter or an admin, with the scoreboard so far, and refused for others', async () => {
    await router.invokeText('/round 5 seconds=20', player('S'));
    await at(2000);
    const q1 = question(router, outbox.questions()[0]);
    await press(q1.right, 'A', 4000);
    const refused = await router.invokeText('/round stop', player('A'));
    expect(refused?.body).toContain('Only the starter (Player S) or an admin');
    expect(await router.services.store.rounds.get(chatKey('discord', '500'))).toBeDefined();
    const stopped = await router.invokeText('/round stop', player('S'));
    expect(stopped?.title).toBe('🏆 Round stopped');
    expect(stopped?.body).toContain('🥇 Player A: 1/1 right');
    await at(30_000);
    expect(outbox.sent).toHaveLength(1); // nothing after the stop
    await router.invokeText('/round 2', player('S'));
    const byAdmin = await router.invokeText('/round stop', player('M', { admin: true }));
    expect(byAdmin?.title).toBe('🏆 Round stopped');
    expect(byAdmin?.body).toContain('Nobody answered');
    const none = await router.invokeText('/round stop', player('S'));
    expect(none?.body).toContain('No round is running');
  });

  it('refuses bad settings, channels and platforms it cannot post to, clearly', async () => {
    expect((await router.invokeText('/round 50', player('S')))?.body).toMatch(/count.*1.*30/s);
    expect((await router.invokeText('/round seconds=5', player('S')))?.body).toMatch(/seconds.*10.*120/s);
    const channel = await router.invokeText('/round', player('S', { kind: 'channel' }));
    expect(channel?.body).toContain('cannot run in a channel');
    const telegram = await router.invokeText('/round', { ...player('S'), platform: 'telegram' });
    expect(telegram?.body).toContain('cannot post on its own');
    const zh = await router.invokeText('/round 2', { ...player('S'), locale: 'zh-CN' });
    expect(zh?.body).toContain('抢答开始');
    expect(outbox.sent).toHaveLength(0);
  });
});
