/**
 * A multiple-choice question on Discord, driving the real discord.js client against the fake: /mcq posts
 * the stem and options with buttons A–D; each person's first press counts and is answered ephemerally;
 * a second press is told what they answered; the public message is redrawn with the count of answers,
 * at most once per interval per message, and ends up showing the last count. Its asker (or an admin)
 * closes it: the message then shows the distribution and the right option, without answer buttons, and a
 * later press is told the answer, privately, unrecorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatKey } from '../../src/kernel/identity.ts';
import type { Json, RecordedRequest } from '../fakes/discord.ts';
import { callbackData, customIds, embedOf, type Harness, startHarness } from './harness.ts';
import { CHANNEL_ID, MANAGE_GUILD, press, slash, type Where } from './payloads.ts';

const INTERVAL = 400;

describe('discord multiple choice', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ tuning: { redrawEveryMs: INTERVAL } });
  });
  afterAll(async () => {
    await h.close();
  });

  const user = (n: number): Where => ({ userId: String(400000000000000100n + BigInt(n)), locale: 'en-US' });
  const edits = (messageId: string) =>
    h.fake.requests.filter(
      (r) => r.method === 'PATCH' && r.path === `/channels/${CHANNEL_ID}/messages/${messageId}`,
    );
  const footer = (r: RecordedRequest | undefined) =>
    String((embedOf((r?.body ?? {}) as Json).footer as Json | undefined)?.text ?? '');
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Posts /mcq in English; returns the posted message (as the fake would hand it back) and its buttons. */
  async function ask() {
    const callback = await h.fake.interact(slash(h.fake.applicationId, 'mcq', {}, user(0)));
    const data = callbackData(callback);
    const message = h.fake.message(CHANNEL_ID, data);
    return { data, message, ids: customIds(data)[0] ?? [] };
  }
  const click = async (message: Json, customId: string, where: Where) => {
    const callback = await h.fake.interact(press(h.fake.applicationId, customId, message, where));
    return { type: (callback.body as { type: number }).type, data: callbackData(callback) };
  };

  it('posts the stem, options A–D and four answer buttons, publicly', async () => {
    const { data, ids } = await ask();
    expect(data.flags).toBeUndefined();
    expect(ids).toHaveLength(4);
    for (const id of ids) expect(id).toMatch(/^mcq:a:/);
    const rows = data.components as { components: { label: string }[] }[];
    expect(rows[0]?.components.map((b) => b.label)).toEqual(['A', 'B', 'C', 'D']);
    const description = String(embedOf(data).description);
    for (const letter of ['A', 'B', 'C', 'D']) expect(description).toContain(`**${letter}.**`);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('counts the first press of each person, answers each privately, and paces the redraws', async () => {
    const { message, ids } = await ask();
    const messageId = String(message.id);
    const first = await click(message, ids[0] ?? '', user(1));
    expect(first.type).toBe(4);
    expect(first.data.flags).toBe(64);
    expect(String(embedOf(first.data).description)).toMatch(/^(✅|❌)/);
    expect(customIds(first.data).flat()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^show:ans:/)]),
    );
    const firstEdit = await h.fake.waitFor((r) => edits(messageId).includes(r));
    expect(footer(firstEdit)).toMatch(/^1 answered/);
    expect((firstEdit.body as Json).allowed_mentions).toEqual({ parse: [] });
    expect(customIds(firstEdit.body as Json)[0]).toEqual(ids);
    expect(customIds(firstEdit.body as Json)[1]?.[0]).toMatch(/^mcq:x:/);

    const again = await click(message, ids[1] ?? '', user(1));
    expect(again.data.flags).toBe(64);
    expect(String(embedOf(again.data).description)).toMatch(/^You already answered this one: \*\*A\*\*/);

    const other = await click(message, ids[2] ?? '', user(2));
    expect(other.data.flags).toBe(64);
    // The second redraw waits for the interval of the first.
    expect(edits(messageId)).toHaveLength(1);
    await sleep(INTERVAL + 200);
    expect(edits(messageId)).toHaveLength(2);
    expect(footer(edits(messageId)[1])).toMatch(/^2 answered/);

    // A burst of presses: at most one edit per interval, the last showing every answer.
    const started = performance.now();
    await Promise.all([3, 4, 5, 6, 7, 8].map((n) => click(message, ids[n % 4] ?? '', user(n))));
    await sleep(2 * INTERVAL + 200);
    const all = edits(messageId);
    const spent = performance.now() - started;
    expect(all.length - 2).toBeLessThanOrEqual(Math.ceil(spent / INTERVAL) + 1);
    for (let i = 1; i < all.length; i++)
      expect((all[i]?.at ?? 0) - (all[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(INTERVAL - 50);
    expect(footer(all.at(-1))).toMatch(/^8 answered/);

    const records = await h.router.services.scores.answersIn(chatKey('discord', CHANNEL_ID));
    const question = records.filter((r) => r.questionId === records.at(-1)?.questionId);
    expect(question).toHaveLength(8);
    expect(new Set(question.map((r) => r.userKey)).size).toBe(8);
  });

  it('is closed by its asker or an admin: distribution, right option, no answer buttons; later presses refused', async () => {
    const { data, message, ids } = await ask();
    const messageId = String(message.id);
    const close = customIds(data)[1]?.[0] ?? '';
    expect(close).toMatch(/^mcq:x:/);
    expect((data.components as { components: { label: string }[] }[])[1]?.components[0]?.label).toBe('Close');
    await click(message, ids[0] ?? '', user(11));
    await click(message, ids[1] ?? '', user(12));
    await click(message, ids[1] ?? '', user(13));

    const refused = await click(message, close, { ...user(12), locale: 'zh-CN' });
    expect(refused.data.flags).toBe(64);
    expect(String(embedOf(refused.data).description)).toBe('只有出题人或管理员可以结束这道题。');

    const closed = await click(message, close, user(0));
    expect(closed.data.flags).toBe(64);
    expect(String(embedOf(closed.data).description)).toMatch(
      /^Closed\. A \d( ✅)? · B \d( ✅)? · C \d( ✅)? · D \d( ✅)?$/,
    );
    const edit = await h.fake.waitFor(
      (r) => edits(messageId).includes(r) && JSON.stringify(r.body).includes('Answers:'),
    );
    const body = edit.body as Json;
    expect(customIds(body).flat()).toEqual([expect.stringMatching(/^!?show:ans:/)]);
    expect(footer(edit)).toBe('Closed · 3 answered');
    const line = /Answers: (.+)/.exec(String(embedOf(body).description))?.[1] ?? '';
    const counts = [...line.matchAll(/[A-D] (\d)/g)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(counts[0]).toBe(1);
    expect(counts[1]).toBe(2);
    expect(line.match(/✅/g)).toHaveLength(1);

    const records = async () =>
      (await h.router.services.scores.answersIn(chatKey('discord', CHANNEL_ID))).length;
    const before = await records();
    const late = await click(message, ids[2] ?? '', user(14));
    expect(late.data.flags).toBe(64);
    expect(String(embedOf(late.data).description)).toMatch(
      /^This question is closed; the answer was \*\*[A-D]\.\*\*/,
    );
    expect(await records()).toBe(before);
    // An admin may close one too (closing again only shows it).
    const again = await click(message, close, { ...user(15), permissions: MANAGE_GUILD });
    expect(String(embedOf(again.data).description)).toMatch(/^Closed\./);
    await sleep(2 * INTERVAL + 100);
    expect(JSON.stringify(edits(messageId).at(-1)?.body)).toContain('Answers:');
  });
});
