import { PassThrough } from 'node:stream';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTerminalOutbox } from '../../src/adapters/terminal/outbox.ts';
import { Router } from '../../src/app/router.ts';
import { memoryAppStore } from '../../src/app/store.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import type { Command } from '../../src/kernel/command.ts';
import type { Platform, Services } from '../../src/kernel/context.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import { DeliveryError } from '../../src/kernel/outbox.ts';
import type { Origin } from '../../src/kernel/router.ts';
import { Clock, makeServices, RecordingOutbox, withScheduler } from './helpers.ts';

let commands: Command[];
beforeAll(async () => {
  commands = await loadCommands();
});

function origin(
  platform: Platform,
  over: { admin?: boolean; chat?: string; kind?: 'private' | 'group' } = {},
): Origin {
  return {
    platform,
    chat: { id: over.chat ?? '-42', kind: over.kind ?? 'group' },
    user: { id: 'u1', admin: over.admin ?? true },
    locale: 'en',
  };
}

describe('/daily', () => {
  let clock: Clock;
  let store: Store;
  let services: Services;
  let daily: DailyScheduler;
  let router: Router;
  let outbox: RecordingOutbox;
  const text = async (line: string, o: Origin = origin('telegram')) =>
    (await router.invokeText(line, o)) ?? {};

  beforeEach(() => {
    clock = new Clock('2025-06-01T00:30:00Z'); // 08:30 in Shanghai
    store = memoryAppStore();
    ({ services, daily } = withScheduler(store, clock));
    outbox = new RecordingOutbox('telegram', clock);
    daily.attach(outbox);
    router = new Router(commands, services);
  });
  afterEach(() => daily.stop());

  it('refuses a non-admin on Telegram and Discord, and changes nothing', async () => {
    const tg = await text('/daily subscribe 10:00', origin('telegram', { admin: false }));
    const dc = await router.invoke(
      { name: 'daily', subcommand: 'subscribe', options: { time: '10:00' } },
      origin('discord', { admin: false }),
    );
    for (const reply of [tg, dc])
      expect(reply).toMatchObject({ body: expect.stringMatching(/Only the admins/), private: true });
    expect(await store.daily.listSubscriptions()).toEqual([]);
  });

  it('subscribes with the defaults and the subscriber’s language', async () => {
    const reply = await text('/daily subscribe');
    expect(reply.title).toBe('Daily question subscribed');
    expect(reply.body).toContain('every day at **09:00** (Asia/Shanghai)');
    expect(reply.body).toContain('2025-06-01 09:00 (in 30 min)');
    expect(await store.daily.getSubscription('telegram:-42')).toMatchObject({
      time: '09:00',
      timezone: 'Asia/Shanghai',
      category: null,
      revealAfterHours: 8,
      locale: 'en',
    });
  });

  it('takes the settings from a text line in any order, and from typed options', async () => {
    await text('/daily subscribe Europe/Berlin 4 ml 07:15');
    expect(await store.daily.getSubscription('telegram:-42')).toMatchObject({
      time: '07:15',
      timezone: 'Europe/Berlin',
      category: 'ml',
      revealAfterHours: 4,
    });
    await router.invoke(
      {
        name: 'daily',
        subcommand: 'subscribe',
        options: { time: '21:00', timezone: 'UTC', reveal_after: '0' },
      },
      origin('discord', { chat: '777' }),
    );
    expect(await store.daily.getSubscription('discord:777')).toMatchObject({
      time: '21:00',
      timezone: 'UTC',
      revealAfterHours: 0,
    });
  });

  it.each([
    ['/daily subscribe 25:00', /"25:00" is not a time\. Use HH:MM .*00:00 to 23:59/],
    [
      '/daily subscribe 09:00 Mars/Olympus',
      /"Mars\/Olympus" is not an IANA time zone\. Use a name like Asia\/Shanghai/,
    ],
    [
      '/daily subscribe 09:00 UTC nosuchcat',
      /"nosuchcat" is neither a category nor a time zone\. Categories: .*deep-learning/,
    ],
    [
      '/daily subscribe 09:00 UTC -3',
      /"-3" is not a valid reveal_after: .*from 0 \(no scheduled reveal\) to 72/,
    ],
    ['/daily subscribe 09:00 UTC 100', /"100" is not a valid reveal_after/],
    ['/daily subscribe 09:00 UTC 1.5', /"1\.5" is not a valid reveal_after/],
    ['/daily subscribe -2', /"-2" is not a valid reveal_after/],
    ['/daily subscribe @bad!name', /does not name a chat|"@bad!name"/],
  ])('explains bad input: %s', async (line, message) => {
    const reply = await text(line);
    expect(reply.body).toMatch(message);
    expect(reply.private).toBe(true);
    expect(await store.daily.listSubscriptions()).toEqual([]);
  });

  it('explains an unknown category given as a typed option', async () => {
    const reply = await router.invoke(
      { name: 'daily', subcommand: 'subscribe', options: { category: 'astrology' } },
      origin('discord'),
    );
    expect(reply.body).toMatch(/"astrology" is not a valid category\. Accepted: .*ml/);
  });

  it('shows the status: settings, next post in the chat’s zone, rotation left, disabled state', async () => {
    await text('/daily subscribe 09:00 America/New_York 0');
    clock.set('2025-06-01T13:00:00Z'); // 09:00 in New York
    await daily.tick();
    let status = await text('/daily status');
    expect(status.private).toBe(true);
    // The body is Markdown: the zone's `_` is escaped, and shown as `New_York`.
    expect(status.body).toContain('every day at **09:00** (America/New\\_York)');
    expect(status.body).toContain('**Next question:** 2025-06-02 09:00 (in 24 h 0 min)');
    expect(status.body).toContain('**Left in this round:** 113 of 114 questions (round 1)');
    expect(status.body).toMatch(/\*\*Last question:\*\* 2025-06-01 · `[a-z0-9-]+` · sent/);

    const sub = await store.daily.getSubscription('telegram:-42');
    if (sub) await store.daily.putSubscription({ ...sub, goneDays: 3, disabledAt: clock.t });
    status = await text('/daily status');
    expect(status.body).toContain('disabled, nothing scheduled');
    expect(status.body).toMatch(/Disabled: the bot could not post here on 3 days in a row/);
    // Subscribing again re-enables it.
    await text('/daily subscribe 09:00 America/New_York 0');
    expect(await store.daily.getSubscription('telegram:-42')).toMatchObject({
      disabledAt: null,
      goneDays: 0,
    });
  });

  it('unsubscribes', async () => {
    await text('/daily subscribe');
    expect((await text('/daily unsubscribe')).body).toBe('Stopped the daily question for this chat.');
    expect(await store.daily.getSubscription('telegram:-42')).toBeUndefined();
    expect((await text('/daily status')).body).toMatch(/There is no daily question for this chat/);
  });

  it('posts now, and says why when it cannot', async () => {
    expect((await text('/daily now')).body).toMatch(/There is no daily question/);
    await text('/daily subscribe');
    const reply = await text('/daily now');
    expect(reply.body).toMatch(
      /^Posted the next question: `[a-z0-9-]+`\. The answer comes at 2025-06-01 16:30\.$/,
    );
    expect(outbox.sent).toHaveLength(1);
    outbox.fail = () => new DeliveryError('403 Forbidden', 'gone');
    expect((await text('/daily now')).body).toBe('The bot cannot post here (removed, or no permission).');
    const discord = await text('/daily subscribe', origin('discord'));
    expect(discord.title).toBe('Daily question subscribed');
    expect((await text('/daily now', origin('discord'))).body).toMatch(/not connected to discord/);
  });

  it('shows the answer privately to anyone who presses the post’s button', async () => {
    await text('/daily subscribe');
    await daily.postNow('telegram:-42');
    const button = outbox.sent[0]?.reply.buttons?.[0]?.[0];
    const action = button && 'action' in button ? button.action : '';
    const reply = await router.press(action, origin('telegram', { admin: false }));
    expect(reply.private).toBe(true);
    expect(reply.links?.length).toBeGreaterThan(0);
    expect((await router.press('daily:ans:no-such-entry', origin('telegram'))).body).toMatch(/No entry/);
  });

  it('says so when the bot runs without the scheduler', async () => {
    const bare = new Router(commands, makeServices(memoryAppStore(), clock));
    expect((await bare.invokeText('/daily subscribe', origin('telegram')))?.body).toMatch(/not enabled/);
  });
});

describe('/daily in the terminal', () => {
  it('prints the post through the terminal outbox', async () => {
    const clock = new Clock('2025-06-01T00:30:00Z');
    const { services, daily } = withScheduler(memoryAppStore(), clock);
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    daily.attach(createTerminalOutbox({ output, locale: 'zh-CN', ansi: false }));
    const router = new Router(commands, services);
    const me: Origin = {
      platform: 'terminal',
      chat: { id: 'local', kind: 'private' },
      user: { id: 'me', admin: true },
      locale: 'zh-CN',
    };
    await router.invokeText('/daily subscribe', me);
    const reply = await router.invokeText('/daily now', me);
    expect(reply?.body).toMatch(/^已发出下一题/);
    expect(printed).toMatch(/── #1 ─+\n📅 每日一题 · 2025-06-01\n/);
    expect(printed).toMatch(/\/show [a-z0-9-]+/);
    await daily.stop();
  });
});
