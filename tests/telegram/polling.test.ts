/**
 * Long polling when Telegram misbehaves: answers that hang or are cut mid-body, an outage, a send that
 * hangs. Timeouts are shortened (a 1 s long poll, 1 s margin, 200 ms retry cap) so the test runs fast;
 * the defaults are 30 s, 5 s and 5 s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADA, BOB, type Harness, privateChat, startHarness, textMessage } from './harness.ts';

const timing = { longPollSeconds: 1, requestMarginSeconds: 1, retryCapMs: 200 };
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function start(): Promise<Harness> {
  h = await startHarness({ adapter: { timing } });
  return h;
}

describe('a getUpdates answer that never completes', () => {
  it.each(['hangs', 'is cut mid-body'])('(%s) is given up after the request timeout', async (how) => {
    const { fake } = await start();
    await fake.waitFor('getUpdates');
    // The poll being held now is answered; the next one misbehaves.
    if (how === 'hangs') fake.hangNext('getUpdates');
    else fake.cutNext('getUpdates');
    const since = fake.calls.length;
    await fake.waitFor('getUpdates', { since, where: (c) => !c.ok });
    fake.pushUpdate(textMessage('/help', privateChat(ADA)));
    const sent = await fake.waitFor('sendMessage', { since, timeoutMs: 6_000 });
    expect(sent.payload.chat_id).toBe(ADA.id);
  });
});

describe('a sendMessage that hangs', () => {
  it('holds its chat only until the request timeout', async () => {
    const { fake } = await start();
    fake.hangNext('sendMessage');
    const since = fake.calls.length;
    fake.pushUpdate(textMessage('/help', privateChat(ADA)));
    await fake.waitFor('sendMessage', { since });
    fake.pushUpdate(textMessage('/topics', privateChat(ADA)));
    const next = await fake.waitFor('sendMessage', {
      since,
      where: (c) => c.ok && c.payload.chat_id === ADA.id,
      timeoutMs: 6_000,
    });
    expect(next.ok).toBe(true);
  });
});

describe('an outage', () => {
  it('retries getUpdates with a capped wait, one log line per attempt, and reports it on health', async () => {
    const harness = await start();
    const { fake, adapter } = harness;
    await fake.waitFor('getUpdates');
    expect(adapter.problem?.()).toBeNull();
    fake.failNext('getUpdates', { error_code: 502, description: 'Bad Gateway' }, 1_000);
    // With the wait doubling from 100 ms and no cap, 12 attempts would take 100 ms × (2¹¹ − 1) ≈ 205 s;
    // capped at 200 ms they take about 2.5 s, and 10 s leaves room for a busy machine.
    const started = performance.now();
    const failed = () => fake.callsOf('getUpdates').filter((c) => c.failure).length;
    const logged = () => harness.logs.filter((l) => l.includes('telegram getUpdates failed'));
    // The fake counts a failure when it answers; the bot logs it once the answer arrives: wait for both.
    while ((failed() < 12 || logged().length < 12) && performance.now() - started < 10_000)
      await new Promise((r) => setTimeout(r, 20));
    expect(failed()).toBeGreaterThanOrEqual(12);
    const failedLines = logged();
    expect(failedLines.length).toBeGreaterThanOrEqual(12);
    // No answer for longer than a poll may take: /healthz says so.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(adapter.problem?.()).toMatch(/polling stalled/);
    expect(adapter.healthy()).toBe(false);
    fake.clearFaults('getUpdates');
    const since = fake.calls.length;
    fake.pushUpdate(textMessage('/help', privateChat(BOB)));
    await fake.waitFor('sendMessage', { since, timeoutMs: 3_000 });
    expect(adapter.problem?.()).toBeNull();
    expect(adapter.healthy()).toBe(true);
  }, 40_000);
});
