/**
 * End to end on Telegram: the real adapter (grammY) against the fake Bot API. A group admin subscribes
 * by command, the scheduler posts the question at its hour and the answer later as a reply; the post's
 * private button is a deep link that opens the answer in a private chat.
 */
import type { Chat, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import type { ApiCall, FakeTelegram } from '../fakes/telegram.ts';
import { textMessage } from '../telegram/harness.ts';
import { type Clock, subscription } from './helpers.ts';
import { liveTelegram } from './live.ts';

const GROUP: Chat.SupergroupChat = { id: -1005550001, type: 'supergroup', title: 'ML interview prep' };
const ADMIN: User = { id: 7001, is_bot: false, first_name: 'Lin', language_code: 'zh-hans' };
const MEMBER: User = { id: 7002, is_bot: false, first_name: 'Sam', language_code: 'en' };

/** A message from a person, with its `/command` marked as Telegram marks it. */
const command = textMessage;

const toChat = (id: number) => (c: ApiCall) => String(c.payload.chat_id) === String(id);

describe('/daily end to end on Telegram', () => {
  let fake: FakeTelegram;
  let daily: DailyScheduler;
  let store: Store;
  let clock: Clock;
  let live: Awaited<ReturnType<typeof liveTelegram>>;

  beforeEach(async () => {
    live = await liveTelegram({ at: '2025-06-01T00:30:00Z' });
    ({ fake, daily, store, clock } = live);
  });
  afterEach(() => live.stop());

  it('subscribed by a group admin: posts at its hour, reveals as a reply later', async () => {
    fake.setMember(GROUP.id, ADMIN.id, 'administrator');
    let since = fake.calls.length;
    fake.pushUpdate(command('/daily subscribe 09:00 Asia/Shanghai 8', GROUP, ADMIN));
    const confirmation = await fake.waitFor('sendMessage', { since, where: toChat(GROUP.id) });
    expect(String(confirmation.payload.text)).toContain('已订阅每日一题');
    expect(fake.callsOf('getChatMember').some((c) => Number(c.payload.user_id) === ADMIN.id)).toBe(true);
    expect(await store.daily.getSubscription(`telegram:${GROUP.id}`)).toMatchObject({
      time: '09:00',
      locale: 'zh-CN',
    });

    since = fake.calls.length;
    clock.set('2025-06-01T01:00:00Z');
    await daily.tick();
    const post = await fake.waitFor('sendMessage', { since, where: toChat(GROUP.id) });
    expect(String(post.payload.text)).toContain('每日一题 · 2025-06-01');
    const keyboard = post.payload.reply_markup as { inline_keyboard: { url?: string }[][] };
    const link = keyboard.inline_keyboard[0]?.[0]?.url ?? '';
    expect(link).toMatch(new RegExp(`^https://t\\.me/${fake.botInfo.username}\\?start=a_[A-Za-z0-9_-]+$`));
    const postId = (post.result as { message_id: number }).message_id;

    since = fake.calls.length;
    clock.set('2025-06-01T08:59:00Z');
    await daily.tick();
    clock.set('2025-06-01T09:00:00Z');
    await daily.tick();
    const reveal = await fake.waitFor('sendMessage', { since, where: toChat(GROUP.id) });
    expect(reveal.payload.reply_parameters).toMatchObject({ message_id: postId });
    expect(String(reveal.payload.text)).toContain('参考答案');

    // The deep link opens the answer in a private chat with whoever follows it.
    since = fake.calls.length;
    const payload = new URL(link).searchParams.get('start') ?? '';
    const dm: Chat.PrivateChat = { id: MEMBER.id, type: 'private', first_name: MEMBER.first_name };
    fake.pushUpdate(command(`/start ${payload}`, dm, MEMBER));
    const answer = await fake.waitFor('sendMessage', { since, where: toChat(MEMBER.id) });
    expect(String(answer.payload.text)).toContain('Answer');
  });

  it('refuses a member who is not an admin, and changes nothing', async () => {
    fake.setMember(GROUP.id, MEMBER.id, 'member');
    const since = fake.calls.length;
    fake.pushUpdate(command('/daily subscribe 10:00', GROUP, MEMBER));
    const refusal = await fake.waitFor('sendMessage', { since, where: toChat(GROUP.id) });
    expect(String(refusal.payload.text)).toMatch(/Only the admins/);
    expect(await store.daily.listSubscriptions()).toEqual([]);
  });

  it('disables a group the bot was removed from after 3 days, and says so in status', async () => {
    fake.setMember(GROUP.id, ADMIN.id, 'creator');
    let since = fake.calls.length;
    fake.pushUpdate(command('/daily subscribe', GROUP, ADMIN));
    await fake.waitFor('sendMessage', { since, where: toChat(GROUP.id) });
    for (let day = 0; day < 3; day++) {
      fake.failNext('sendMessage', {
        error_code: 403,
        description: 'Forbidden: bot was kicked from the supergroup chat',
      });
      clock.set(`2025-06-0${day + 1}T01:00:00Z`);
      await daily.tick();
    }
    expect((await store.daily.getSubscription(`telegram:${GROUP.id}`))?.disabledAt).not.toBeNull();
    since = fake.calls.length;
    fake.pushUpdate(command('/daily status', GROUP, ADMIN));
    const status = await fake.waitFor('sendMessage', { since, where: toChat(GROUP.id) });
    expect(String(status.payload.text)).toContain('已停用');
  });

  it('does not repeat a post whose answer was lost after Telegram received it (connection reset)', async () => {
    await store.daily.putSubscription(subscription(String(GROUP.id)));
    clock.set('2025-06-01T01:00:00Z');
    fake.dropAnswerNext('sendMessage');
    const since = fake.calls.length;
    const { outcomes } = await daily.tick();
    const posts = fake.calls.slice(since).filter((c) => c.method === 'sendMessage' && toChat(GROUP.id)(c));
    expect(posts).toHaveLength(1);
    expect(posts[0]?.ok).toBe(true);
    expect(outcomes.map((o) => o.status)).toEqual(['failed']);
    const [delivery] = await store.daily.recentDeliveries(`telegram:${GROUP.id}`, 1);
    expect(delivery).toMatchObject({ kind: 'post', status: 'unknown' });
    // A later tick of the same day does not try again either.
    clock.advance(60_000);
    await daily.tick();
    expect(fake.calls.slice(since).filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  it('retries a post Telegram explicitly refused with a 5xx, and posts it once', async () => {
    await store.daily.putSubscription(subscription(String(GROUP.id)));
    clock.set('2025-06-01T01:00:00Z');
    fake.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    const since = fake.calls.length;
    const { outcomes } = await daily.tick();
    expect(outcomes.map((o) => o.status)).toEqual(['sent']);
    const posts = fake.calls.slice(since).filter((c) => c.method === 'sendMessage');
    expect(posts.map((c) => c.ok)).toEqual([false, true]);
  });

  it('checks the bot’s own posting rights for subscribe, not for status', async () => {
    const channel: Chat.ChannelChat = {
      id: -1005550002,
      type: 'channel',
      title: 'daily',
      username: 'dl_daily',
    };
    fake.addChat(channel);
    fake.setMember(channel.id, ADMIN.id, 'creator');
    fake.setMember(channel.id, fake.botInfo.id, 'creator');
    const dm: Chat.PrivateChat = { id: ADMIN.id, type: 'private', first_name: ADMIN.first_name };
    const botChecks = () =>
      fake.callsOf('getChatMember').filter((c) => Number(c.payload.user_id) === fake.botInfo.id).length;

    let since = fake.calls.length;
    fake.pushUpdate(command('/daily status @dl_daily', dm, ADMIN));
    await fake.waitFor('sendMessage', { since, where: toChat(ADMIN.id) });
    expect(botChecks()).toBe(0);

    since = fake.calls.length;
    fake.pushUpdate(command('/daily subscribe 09:00 @dl_daily', dm, ADMIN));
    const subscribed = await fake.waitFor('sendMessage', { since, where: toChat(ADMIN.id) });
    expect(String(subscribed.payload.text)).toMatch(/订阅/);
    expect(botChecks()).toBe(1);
  });
});
