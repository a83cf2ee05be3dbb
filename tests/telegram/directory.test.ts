import { Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { telegramDirectory } from '../../src/adapters/telegram/directory.ts';
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
    const directory = telegramDirectory(bot.api, fake.botInfo.id);
    expect(await directory.resolveChat('@dl_daily')).toEqual({
      id: '-1001',
      kind: 'channel',
      title: '每日一题',
      botCanPost: false,
    });
    fake.setMember(-1001, fake.botInfo.id, 'creator');
    expect((await directory.resolveChat('-1001'))?.botCanPost).toBe(true);
  });

  it('answers null for a chat that does not exist', async () => {
    expect(await telegramDirectory(bot.api, fake.botInfo.id).resolveChat('@nobody_here')).toBeNull();
  });

  it('tells admins from members', async () => {
    fake.addChat({ id: -1002, type: 'supergroup', title: 'study group' });
    fake.setMember(-1002, 7, 'administrator');
    const directory = telegramDirectory(bot.api, fake.botInfo.id);
    expect(await directory.isChatAdmin('-1002', '7')).toBe(true);
    expect(await directory.isChatAdmin('-1002', '8')).toBe(false);
  });
});
