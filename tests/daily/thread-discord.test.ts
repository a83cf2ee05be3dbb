/**
 * A discussion thread per daily post and the opt-in role ping, end to end: the real discord.js adapter
 * against the fake Discord. The post starts a thread named after the question, the reveal goes into the
 * thread with a link in the channel; without the permission (403, 50013) the post goes out once as today
 * and `/daily status` says why there is no thread. The role chosen by the admin is the only mention ever
 * allowed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import { threadName } from '../../src/features/daily/thread.ts';
import type { Store } from '../../src/features/parts.ts';
import { CHANNEL_ID, MANAGE_GUILD, slash } from '../discord/payloads.ts';
import { FakeDiscord, type Json, type RecordedRequest } from '../fakes/discord.ts';
import { type Clock, kb } from './helpers.ts';
import { liveDiscord } from './live.ts';

const ROLE = '400000000000000042';
const KEY = { chatKey: `discord:${CHANNEL_ID}`, slot: '2025-06-01', kind: 'post' } as const;

const dataOf = (r: RecordedRequest) => ((r.body as Json).data ?? {}) as Json;
const embed = (data: Json) => ((data.embeds as Json[] | undefined)?.[0] ?? {}) as Json;
const sentTo = (fake: FakeDiscord, channel: string) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);
const threadCalls = (fake: FakeDiscord) => fake.requests.filter((r) => r.path.endsWith('/threads'));

/** Every `allowed_mentions` the adapter sent: channel posts and interaction answers alike. */
function allowedMentions(fake: FakeDiscord): { path: string; allowed: unknown }[] {
  return fake.requests.flatMap((r) => {
    const body = (r.body ?? {}) as Json;
    const inner = (body.data ?? body) as Json;
    return 'allowed_mentions' in inner ? [{ path: r.path, allowed: inner.allowed_mentions }] : [];
  });
}

describe('/daily threads and role ping on Discord', () => {
  let fake: FakeDiscord;
  let daily: DailyScheduler;
  let store: Store;
  let clock: Clock;
  let live: Awaited<ReturnType<typeof liveDiscord>>;

  beforeEach(async () => {
    live = await liveDiscord({ at: '2025-06-01T06:00:00Z' });
    ({ fake, daily, store, clock } = live);
  });
  afterEach(() => live.stop());

  const run = (sub: string, values: Record<string, string> = {}) =>
    fake.interact(
      slash(fake.applicationId, 'daily', values, { permissions: MANAGE_GUILD, locale: 'en-US' }, sub),
    );
  const subscribe = (values: Record<string, string> = {}) =>
    run('subscribe', { time: '09:00', timezone: 'Europe/Berlin', reveal_after: '2', ...values });
  const statusText = async () => JSON.stringify(embed(dataOf(await run('status'))));

  it('starts a thread named after the question, reveals in it, links from the channel, pings only the role', async () => {
    await subscribe({ role: `<@&${ROLE}>` });
    fake.roles = [FakeDiscord.role({ id: ROLE, mentionable: true })];
    clock.set('2025-06-01T07:00:00Z'); // 09:00 CEST
    await daily.tick();

    const [post] = sentTo(fake, CHANNEL_ID);
    const body = (post?.body ?? {}) as Json;
    expect(body.content).toBe(`<@&${ROLE}>`);
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });

    const delivery = await store.daily.getDelivery(KEY);
    const question = kb.get(delivery?.entryId ?? '')?.question ?? '';
    const [call] = threadCalls(fake);
    expect(call?.path).toBe(`/channels/${CHANNEL_ID}/messages/${delivery?.messageId}/threads`);
    expect(call?.body).toEqual({ name: threadName(question), auto_archive_duration: 1440 });
    expect(threadName(question).length).toBeLessThanOrEqual(100);
    const threadId = delivery?.threadId ?? '';
    expect(fake.threads.get(threadId)).toMatchObject({
      channelId: CHANNEL_ID,
      messageId: delivery?.messageId,
    });
    expect(delivery?.threadUrl).toBe(`https://discord.com/channels/${fake.guildId}/${threadId}`);

    const status = await statusText();
    expect(status).toContain(delivery?.threadUrl);
    expect(status).toContain(ROLE);
    expect(status).toMatch(/a public thread per question, archived after 24 h/);

    clock.set('2025-06-01T09:00:00Z');
    await daily.tick();
    const [reveal] = sentTo(fake, threadId);
    expect(String(embed((reveal?.body ?? {}) as Json).title)).toMatch(/answer/);
    const channelPosts = sentTo(fake, CHANNEL_ID);
    expect(channelPosts).toHaveLength(2);
    const link = (channelPosts[1]?.body ?? {}) as Json;
    const revealId = (await store.daily.getDelivery({ ...KEY, kind: 'reveal' }))?.messageId;
    const rows = link.components as { components: { url?: string }[] }[];
    expect(rows[0]?.components[0]?.url).toBe(`${delivery?.threadUrl}/${revealId}`);
    expect(link.message_reference).toMatchObject({ message_id: delivery?.messageId });

    // The role post is the one message that may mention anything; every other body allows nothing.
    const mentions = allowedMentions(fake);
    expect(mentions.length).toBeGreaterThanOrEqual(5);
    const pinging = mentions.filter((m) => JSON.stringify(m.allowed) !== JSON.stringify({ parse: [] }));
    expect(pinging).toEqual([
      { path: `/channels/${CHANNEL_ID}/messages`, allowed: { parse: [], roles: [ROLE] } },
    ]);
  });

  it('without the permission posts once as today, and status says the thread was skipped and why', async () => {
    await subscribe();
    fake.refuseThreads(5);
    clock.set('2025-06-01T07:00:00Z');
    await daily.tick();
    for (const minutes of [1, 5, 30]) {
      clock.advance(minutes * 60_000);
      await daily.tick();
    }
    expect(sentTo(fake, CHANNEL_ID)).toHaveLength(1);
    expect(threadCalls(fake)).toHaveLength(1);
    const delivery = await store.daily.getDelivery(KEY);
    expect(delivery).toMatchObject({ status: 'sent', threadSkip: 'no-permission' });
    expect(delivery?.threadId ?? null).toBeNull();
    expect((await store.daily.listSubscriptions())[0]?.goneDays).toBe(0);
    expect(await statusText()).toMatch(/no thread: the bot lacks the Create Public Threads permission/);
    expect(((sentTo(fake, CHANNEL_ID)[0]?.body ?? {}) as Json).allowed_mentions).toEqual({ parse: [] });

    clock.set('2025-06-01T09:00:00Z');
    await daily.tick();
    const reveal = sentTo(fake, CHANNEL_ID)[1];
    expect(((reveal?.body ?? {}) as Json).message_reference).toMatchObject({
      message_id: delivery?.messageId,
    });
    expect(sentTo(fake, CHANNEL_ID)).toHaveLength(2);
  });

  it('thread:off starts none; thread_archive sets the archive time', async () => {
    await subscribe({ thread: 'off' });
    clock.set('2025-06-01T07:00:00Z');
    await daily.tick();
    expect(threadCalls(fake)).toHaveLength(0);
    expect(await statusText()).toMatch(/no thread/);

    await subscribe({ thread_archive: '60' });
    clock.set('2025-06-02T07:00:00Z');
    await daily.tick();
    expect(threadCalls(fake).map((r) => (r.body as Json).auto_archive_duration)).toEqual([60]);
  });

  it('refuses a role that is not one, and changes nothing', async () => {
    const answer = JSON.stringify(dataOf(await subscribe({ role: '@everyone' })));
    expect(answer).toMatch(/is not a role/);
    expect(await store.daily.listSubscriptions()).toEqual([]);
  });
});
