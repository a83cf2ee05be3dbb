import { Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { telegramDirectory } from '../../src/adapters/telegram/directory.ts';
import { MEMBER_TTL_MS, MemberCache } from '../../src/adapters/telegram/members.ts';
import { FakeTelegram } from '../fakes/telegram.ts';

let fake: FakeTelegram;
let bot: Bot;

beforeEach(async () => {
  fake = await FakeTelegram.start();
  bot = new Bot(fake.token, { botInfo: fake.botInfo, client: { apiRoot: fake.apiRoot } });
});
afterEach(async () => {
  await fake.close();
});

describe('the Telegram chat directory (daily subscriptions of channels)', () => {
  it('resolves a channel by @username and reports whether the bot may post there', async () => {
    fake.addChat({ id: -1001, type: 'channel', title: '每日一题', username: 'dl_daily' });
    const members = new MemberCache();
    const directory = telegramDirectory(bot.api, fake.botInfo.id, members);
    expect(await directory.resolveChat('@dl_daily', { checkPosting: true })).toEqual({
      id: '-1001',
      kind: 'channel',
      title: '每日一题',
      botCanPost: false,
    });
    fake.setMember(-1001, fake.botInfo.id, 'creator');
    // What my_chat_member does when the bot's rights change.
    members.forget(-1001, fake.botInfo.id);
    expect((await directory.resolveChat('-1001', { checkPosting: true }))?.botCanPost).toBe(true);
    // Without checkPosting the bot's rights are not asked for.
    const asked = fake.callsOf('getChatMember').length;
    expect(await directory.resolveChat('@dl_daily')).toEqual({
      id: '-1001',
      kind: 'channel',
      title: '每日一题',
    });
    expect(fake.callsOf('getChatMember')).toHaveLength(asked);
  });

  it('answers null for a chat that does not exist', async () => {
    const directory = telegramDirectory(bot.api, fake.botInfo.id, new MemberCache());
    expect(await directory.resolveChat('@nobody_here')).toBeNull();
  });

  it('tells admins from members', async () => {
    fake.addChat({ id: -1002, type: 'supergroup', title: 'study group' });
    fake.setMember(-1002, 7, 'administrator');
    const directory = telegramDirectory(bot.api, fake.botInfo.id, new MemberCache());
    expect(await directory.isChatAdmin('-1002', '7')).toBe(true);
    expect(await directory.isChatAdmin('-1002', '8')).toBe(false);
  });
});

describe('the member cache', () => {
  it('asks Telegram again once a minute has passed', async () => {
    let now = 0;
    const members = new MemberCache({ now: () => now });
    fake.setMember(-1003, 9, 'administrator');
    const asked = () => fake.callsOf('getChatMember').length;
    expect((await members.get(bot.api, -1003, 9)).status).toBe('administrator');
    fake.setMember(-1003, 9, 'member');
    now = MEMBER_TTL_MS - 1;
    expect((await members.get(bot.api, -1003, 9)).status).toBe('administrator');
    expect(asked()).toBe(1);
    now = MEMBER_TTL_MS;
    expect((await members.get(bot.api, -1003, 9)).status).toBe('member');
    expect(asked()).toBe(2);
  });
});
