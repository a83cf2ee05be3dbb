/**
 * The thread and role options of `/daily subscribe`: parsed and checked, refused with a clear message in
 * both locales, and a role ping only on Discord. The recording outbox has no threads (as Telegram), so its
 * posts and reveals go out exactly as before.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Router } from '../../src/app/router.ts';
import { memoryAppStore } from '../../src/app/store.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import { parseRole, parseSettings } from '../../src/features/daily/settings.ts';
import type { Store } from '../../src/features/parts.ts';
import type { Command } from '../../src/kernel/command.ts';
import type { Platform } from '../../src/kernel/context.ts';
import type { Locale } from '../../src/kernel/i18n.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import type { Origin } from '../../src/kernel/router.ts';
import { Clock, kb, RecordingOutbox, withScheduler } from './helpers.ts';

let commands: Command[];
beforeAll(async () => {
  commands = await loadCommands();
});

const origin = (platform: Platform, locale: Locale = 'en'): Origin => ({
  platform,
  chat: { id: platform === 'discord' ? '600000000000000001' : '-42', kind: 'group' },
  user: { id: 'u1', admin: true },
  locale,
});

describe('parsing', () => {
  const parse = (input: Record<string, string>) => parseSettings(input, { kb, defaultTimezone: 'UTC' });

  it('reads a role mention or id, never @everyone or @here', () => {
    expect(parseRole('<@&123456789012345678>')).toBe('123456789012345678');
    expect(parseRole(' 123456789012345678 ')).toBe('123456789012345678');
    for (const bad of ['@everyone', '@here', '<@123>', '<@&1> <@&2>', 'role', ''])
      expect(parseRole(bad)).toBeNull();
  });

  it('defaults to a thread archived after a day and no role', () => {
    expect(parse({})).toMatchObject({
      settings: { thread: 'on', threadArchiveMinutes: 1440, roleId: null },
    });
    expect(parse({ thread: 'off', thread_archive: '10080', role: '<@&42>' })).toMatchObject({
      settings: { thread: 'off', threadArchiveMinutes: 10080, roleId: '42' },
    });
  });

  it('names what is wrong', () => {
    expect(parse({ thread_archive: '30' })).toEqual({
      problem: { key: 'daily.badArchive', vars: { value: '30' } },
    });
    expect(parse({ role: '@everyone' })).toEqual({
      problem: { key: 'daily.badRole', vars: { value: '@everyone' } },
    });
  });
});

describe('/daily subscribe role and thread', () => {
  let store: Store;
  let daily: DailyScheduler;
  let router: Router;
  let clock: Clock;

  beforeEach(() => {
    clock = new Clock('2025-06-01T00:30:00Z');
    store = memoryAppStore();
    const made = withScheduler(store, clock);
    daily = made.daily;
    daily.attach(new RecordingOutbox('telegram', clock));
    router = new Router(commands, made.services);
  });
  afterEach(() => daily.stop());

  const subscribe = (options: Record<string, string>, o: Origin) =>
    router.invoke({ name: 'daily', subcommand: 'subscribe', options }, o);

  it('refuses a role ping outside Discord, in both locales, and changes nothing', async () => {
    const en = await subscribe({ role: '<@&42>' }, origin('telegram'));
    const zh = await subscribe({ role: '<@&42>' }, origin('telegram', 'zh-CN'));
    expect(en?.body).toMatch(/Only a Discord server can ping a role/);
    expect(zh?.body).toMatch(/只有 Discord 服务器/);
    expect(await store.daily.listSubscriptions()).toEqual([]);
  });

  it('shows the thread and role settings of a Discord subscription, in both locales', async () => {
    const en = await subscribe({ role: '<@&42>', thread_archive: '4320' }, origin('discord'));
    expect(en?.body).toMatch(/a public thread per question, archived after 72 h/);
    expect(en?.body).toMatch(/role id `42`/);
    const zh = await subscribe({ thread: 'off' }, origin('discord', 'zh-CN'));
    expect(zh?.body).toMatch(/不开讨论串/);
    expect(zh?.body).toMatch(/不提醒任何人/);
    expect((await store.daily.listSubscriptions())[0]).toMatchObject({ thread: 'off', roleId: null });
  });

  it('shows no thread or role lines for a Telegram subscription', async () => {
    const reply = await subscribe({}, origin('telegram'));
    expect(reply?.body).not.toMatch(/thread|Role ping/);
  });
});
