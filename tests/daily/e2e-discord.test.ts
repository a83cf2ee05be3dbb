/**
 * End to end on Discord: the real adapter (discord.js) against the fake Discord. A member with Manage
 * Server subscribes a channel by slash command, the scheduler posts the question at its hour and the
 * answer later as a reply; the post's button answers whoever presses it, ephemerally.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { startDiscord } from '../../src/adapters/discord/index.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import { createRoundRunner } from '../../src/features/round/runner.ts';
import { chatKey } from '../../src/kernel/identity.ts';
import { CHANNEL_ID, MANAGE_GUILD, press, slash } from '../discord/payloads.ts';
import type { FakeDiscord, Json, RecordedRequest } from '../fakes/discord.ts';
import type { Clock } from './helpers.ts';
import { liveDiscord } from './live.ts';

type Body = { type?: number; data?: Json } & Json;
const dataOf = (r: RecordedRequest) => ((r.body as Body).data ?? {}) as Json;
const embed = (data: Json) => ((data.embeds as Json[] | undefined)?.[0] ?? {}) as Json;
const posts = (fake: FakeDiscord) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);

describe('/daily end to end on Discord', () => {
  let fake: FakeDiscord;
  let adapter: Awaited<ReturnType<typeof startDiscord>>;
  let daily: DailyScheduler;
  let store: Store;
  let clock: Clock;
  let live: Awaited<ReturnType<typeof liveDiscord>>;

  beforeEach(async () => {
    live = await liveDiscord({ at: '2025-06-01T06:00:00Z' });
    ({ fake, adapter, daily, store, clock } = live);
  });
  afterEach(() => live.stop());

  const subscribe = (permissions: string) =>
    fake.interact(
      slash(
        fake.applicationId,
        'daily',
        { time: '09:00', timezone: 'Europe/Berlin', reveal_after: '2' },
        { permissions, locale: 'en-US' },
        'subscribe',
      ),
    );

  it('refuses a member without Manage Server, and changes nothing', async () => {
    const answer = dataOf(await subscribe('0'));
    expect(JSON.stringify(answer)).toMatch(/Only the admins/);
    expect(answer.flags).toBe(64);
    expect(await store.daily.listSubscriptions()).toEqual([]);
  });

  it('subscribed by an admin: posts at its hour, reveals as a reply, answers a press privately', async () => {
    const answer = dataOf(await subscribe(MANAGE_GUILD));
    expect(embed(answer).title).toBe('Daily question subscribed');
    expect(await store.daily.getSubscription(`discord:${CHANNEL_ID}`)).toMatchObject({
      timezone: 'Europe/Berlin',
      locale: 'en',
    });

    clock.set('2025-06-01T07:00:00Z'); // 09:00 CEST
    await daily.tick();
    const [post] = posts(fake);
    const body = (post?.body ?? {}) as Json;
    expect(String(embed(body).title)).toMatch(/^📅 Daily question · 2025-06-01\n/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const rows = body.components as { components: { custom_id: string }[] }[];
    const customId = rows[0]?.components[0]?.custom_id ?? '';
    expect(customId).toMatch(/^!daily:ans:[a-z0-9-]+$/);

    clock.set('2025-06-01T09:00:00Z');
    await daily.tick();
    const reveal = posts(fake)[1];
    const postId = (
      await store.daily.getDelivery({
        chatKey: `discord:${CHANNEL_ID}`,
        slot: '2025-06-01',
        kind: 'post',
      })
    )?.messageId;
    expect(((reveal?.body ?? {}) as Json).message_reference).toMatchObject({ message_id: postId });

    const pressed = await fake.interact(press(fake.applicationId, customId, fake.message(CHANNEL_ID, body)));
    expect(dataOf(pressed).flags).toBe(64);
    expect(String(embed(dataOf(pressed)).title)).toBe(String(embed(body).title).split('\n')[1]);
  });

  it('does not repeat a post whose answer was lost after Discord received it (connection reset)', async () => {
    await subscribe(MANAGE_GUILD);
    fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 0, dropAnswer: true });
    clock.set('2025-06-01T07:00:00Z');
    await daily.tick();
    for (const minutes of [1, 5, 30]) {
      clock.advance(minutes * 60_000);
      await daily.tick();
    }
    expect(posts(fake)).toHaveLength(1);
    const key = { chatKey: `discord:${CHANNEL_ID}`, slot: '2025-06-01', kind: 'post' } as const;
    expect((await store.daily.getDelivery(key))?.status).toBe('unknown');
  });

  it('format:choice posts A–D buttons; three presses make the reveal say the channel’s result', async () => {
    await fake.interact(
      slash(
        fake.applicationId,
        'daily',
        { time: '09:00', timezone: 'Europe/Berlin', reveal_after: '2', thread: 'off', format: 'choice' },
        { permissions: MANAGE_GUILD, locale: 'en-US' },
        'subscribe',
      ),
    );
    clock.set('2025-06-01T07:00:00Z');
    await daily.tick();
    const [post] = posts(fake);
    const body = (post?.body ?? {}) as Json;
    const ids = (body.components as { components: { custom_id: string }[] }[])[0]?.components.map(
      (c) => c.custom_id,
    );
    expect(ids).toHaveLength(4);
    expect(ids?.[0]).toMatch(/^!?mcq:a:/);
    for (const [i, userId] of ['501', '502', '503'].entries()) {
      const message = fake.message(CHANNEL_ID, body);
      const pressed = await fake.interact(press(fake.applicationId, ids?.[i % 2] ?? '', message, { userId }));
      expect(JSON.stringify(dataOf(pressed))).toMatch(/✅|❌/);
    }
    clock.set('2025-06-01T09:00:00Z');
    await daily.tick();
    const reveal = (posts(fake)[1]?.body ?? {}) as Json;
    expect(String(embed(reveal).description)).toMatch(/📊 3 people answered, \d+ % right/);

    // At its reveal the question closes: the runner's closer edits the post once, distribution shown,
    // the right option marked, no answer buttons left; a press after that is told the answer, unrecorded.
    const runner = createRoundRunner({
      services: live.services,
      log: live.services.log,
      now: () => clock.now(),
    });
    runner.attach(adapter);
    await runner.tick();
    await runner.tick();
    const postId =
      (await store.daily.getDelivery({ chatKey: `discord:${CHANNEL_ID}`, slot: '2025-06-01', kind: 'post' }))
        ?.messageId ?? '';
    const edits = fake.edits(postId);
    expect(edits).toHaveLength(1);
    const closed = (edits[0]?.body ?? {}) as Json;
    const text = String(embed(closed).description);
    expect(text).toMatch(/Answers: A \d( ✅)? · B \d( ✅)? · C \d( ✅)? · D \d( ✅)?/);
    expect(text.match(/✅/g)).toHaveLength(2); // the right option's line, and its count
    expect(String((embed(closed).footer as Json).text)).toBe('Closed · 3 answered');
    const left = (closed.components as { components: { custom_id: string }[] }[]).flatMap((r) =>
      r.components.map((c) => c.custom_id),
    );
    expect(left.some((id) => /mcq:a:/.test(id))).toBe(false);
    const late = await fake.interact(
      press(fake.applicationId, ids?.[0] ?? '', fake.posted.get(postId) ?? {}, { userId: '504' }),
    );
    expect(dataOf(late).flags).toBe(64);
    expect(String(embed(dataOf(late)).description)).toMatch(/^这道题已结束作答，正确答案是 \*\*[A-D]\.\*\*/);
    expect(await store.answers.answersIn(chatKey('discord', CHANNEL_ID))).toHaveLength(3);
    await runner.tick();
    expect(fake.edits(postId)).toHaveLength(1);
  });
});
