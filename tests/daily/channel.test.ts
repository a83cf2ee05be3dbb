/**
 * A Telegram channel subscribed by one of its admins from a private chat with the bot, through the
 * optional chat directory an outbox may offer (the Telegram adapter answers it with getChat and
 * getChatMember).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatReference, telegramChatReferences } from '../../src/adapters/telegram/references.ts';
import { Router } from '../../src/app/router.ts';
import { memoryAppStore } from '../../src/app/store.ts';
import type { ChatDirectory, DirectoryChat } from '../../src/features/daily/directory.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import type { Command } from '../../src/kernel/command.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import type { Origin } from '../../src/kernel/router.ts';
import { Clock, RecordingOutbox, withScheduler } from './helpers.ts';

class DirectoryOutbox extends RecordingOutbox implements ChatDirectory {
  chats = new Map<string, DirectoryChat>([
    ['@studyroom', { id: '-1001234567890', kind: 'channel', title: 'Study *Room*', botCanPost: true }],
    ['@readonly', { id: '-1009999999999', kind: 'channel', title: 'Read only', botCanPost: false }],
  ]);
  admins = new Set(['-1001234567890/alice', '-1009999999999/alice']);
  down = false;
  lookups: string[] = [];
  // The Telegram outbox reads chat references with the Telegram adapter's syntax.
  parseReference = telegramChatReferences.parseReference;
  looksLikeReference = telegramChatReferences.looksLikeReference;

  async resolveChat(reference: string): Promise<DirectoryChat | null> {
    this.lookups.push(reference);
    if (this.down) throw new Error('ETIMEDOUT');
    return this.chats.get(reference.toLowerCase()) ?? null;
  }

  async isChatAdmin(chatId: string, userId: string): Promise<boolean> {
    return this.admins.has(`${chatId}/${userId}`);
  }
}

const privateChat = (user: string): Origin => ({
  platform: 'telegram',
  chat: { id: user === 'alice' ? '11' : '22', kind: 'private' },
  user: { id: user, admin: true }, // anyone administers their private chat with the bot
  locale: 'en',
});

describe('/daily for a Telegram channel named from a private chat', () => {
  let commands: Command[];
  let store: Store;
  let daily: DailyScheduler;
  let outbox: DirectoryOutbox;
  let router: Router;
  const text = async (line: string, user = 'alice') =>
    (await router.invokeText(line, privateChat(user))) ?? {};

  beforeAll(async () => {
    commands = await loadCommands();
  });
  beforeEach(() => {
    const clock = new Clock('2025-06-01T00:00:00Z');
    store = memoryAppStore();
    const made = withScheduler(store, clock);
    daily = made.daily;
    outbox = new DirectoryOutbox('telegram', clock);
    daily.attach(outbox);
    router = new Router(commands, made.services);
  });
  afterEach(() => daily.stop());

  it('subscribes the channel for its admin, and posts there', async () => {
    const reply = await text('/daily subscribe 08:00 @StudyRoom');
    expect(reply.title).toBe('Daily question subscribed');
    expect(await store.daily.getSubscription('telegram:-1001234567890')).toMatchObject({
      chatId: '-1001234567890',
      time: '08:00',
    });
    expect(await store.daily.getSubscription('telegram:11')).toBeUndefined();
    expect((await text('/daily status t.me/studyroom')).title).toBe('Daily question · Study *Room*');
    expect((await text('/daily now @studyroom')).body).toMatch(/^Posted the next question/);
    expect(outbox.sent.map((s) => s.chatId)).toEqual(['-1001234567890']);
  });

  it('refuses someone who does not administer the channel, and changes nothing', async () => {
    const reply = await text('/daily subscribe 08:00 @studyroom', 'mallory');
    expect(reply.body).toBe(
      'Only the creator or an administrator of @studyroom can set up its daily question.',
    );
    expect(await store.daily.listSubscriptions()).toEqual([]);
    await text('/daily subscribe 08:00 @studyroom');
    expect((await text('/daily unsubscribe @studyroom', 'mallory')).body).toMatch(/Only the creator/);
    expect(await store.daily.listSubscriptions()).toHaveLength(1);
  });

  it('explains an unknown channel, one the bot cannot post in, and a failed lookup', async () => {
    expect((await text('/daily subscribe @nosuchchannel')).body).toMatch(
      /Cannot find @nosuchchannel.*administrator/,
    );
    expect((await text('/daily subscribe @readonly')).body).toMatch(
      /cannot post in Read only\. Make it an administrator/,
    );
    outbox.down = true;
    expect((await text('/daily status @studyroom')).body).toMatch(
      /Cannot check the administrators of @studyroom/,
    );
    expect(await store.daily.listSubscriptions()).toEqual([]);
  });

  it('is Telegram only: elsewhere naming a chat is refused before any lookup', async () => {
    const discord: Origin = { ...privateChat('alice'), platform: 'discord' };
    const reply = await router.invokeText('/daily subscribe @studyroom', discord);
    expect(reply?.body).toMatch(/Only Telegram lets you name another chat/);
    expect(outbox.lookups).toEqual([]);
  });

  it('normalises chat references', () => {
    expect(chatReference('@StudyRoom')).toBe('@StudyRoom');
    expect(chatReference('https://t.me/studyroom/')).toBe('@studyroom');
    expect(chatReference('-1001234567890')).toBe('-1001234567890');
    for (const bad of ['@ab', 'studyroom', 't.me/+invite', '@bad!name'])
      expect(chatReference(bad)).toBeNull();
  });
});
