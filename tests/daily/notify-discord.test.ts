/**
 * `/notify on|off` end to end: the real discord.js adapter against the fake Discord gives or removes the
 * daily post's role for the member who asks (PUT / DELETE …/members/:user/roles/:role), and explains what
 * an admin must do without Manage Roles, with the role above the bot's, or with the role deleted.
 * Telegram has no roles: it says so. Also against the fake: the daily post's role ping falls back to none
 * when the role is deleted or may not be mentioned (and `/daily status` says why), and the weekly digest
 * goes out once and mentions nobody.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../src/app/router.ts';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import { chatKey, userKey } from '../../src/kernel/identity.ts';
import { CHANNEL_ID, GUILD_ID, slash } from '../discord/payloads.ts';
import { FakeDiscord, type Json } from '../fakes/discord.ts';
import { type Clock, kb, subscription } from './helpers.ts';
import { liveDiscord } from './live.ts';

const ROLE = '400000000000000042';
const BOT_ROLE = '400000000000000007';
const MEMBER = '400000000000000123';
const MANAGE_ROLES = String(1n << 28n);

describe('/notify on Discord', () => {
  let fake: FakeDiscord;
  let daily: DailyScheduler;
  let store: Store;
  let router: Router;
  let clock: Clock;
  let live: Awaited<ReturnType<typeof liveDiscord>>;

  beforeEach(async () => {
    live = await liveDiscord({ at: '2025-06-01T06:00:00Z', tuning: { deferAfterMs: 4_000 } });
    ({ fake, daily, store, clock, router } = live);
    await store.daily.putSubscription(subscription(CHANNEL_ID, { platform: 'discord', roleId: ROLE }));
  });
  afterEach(() => live.stop());

  function server(o: { botPermissions: string; botPosition: number; role?: boolean }) {
    fake.roles = [
      FakeDiscord.role({ id: GUILD_ID, position: 0 }),
      FakeDiscord.role({ id: BOT_ROLE, position: o.botPosition, permissions: o.botPermissions }),
      ...(o.role === false ? [] : [FakeDiscord.role({ id: ROLE, position: 3 })]),
    ];
    fake.botRoles = [BOT_ROLE];
  }

  const notify = async (state: string, userId = MEMBER) => {
    const answer = await fake.interact(
      slash(fake.applicationId, 'notify', { state }, { locale: 'en-US', userId }),
    );
    const data = ((answer.body as Json).data ?? {}) as Json;
    expect(data.flags).toBe(64); // ephemeral: only the member sees it
    return JSON.stringify(data.embeds ?? data.content);
  };
  const roleCalls = () => fake.requests.filter((r) => /\/members\/\d+\/roles\/\d+$/.test(r.path));

  it('gives the role to the member who asks, and removes it', async () => {
    server({ botPermissions: MANAGE_ROLES, botPosition: 5 });
    expect(await notify('on')).toMatch(/you have the role/);
    expect(fake.memberRoles.get(MEMBER)).toEqual(new Set([ROLE]));
    expect(await notify('off')).toMatch(/no longer have the role/);
    expect(fake.memberRoles.get(MEMBER)).toEqual(new Set());
    expect(roleCalls().map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /guilds/${GUILD_ID}/members/${MEMBER}/roles/${ROLE}`,
      `DELETE /guilds/${GUILD_ID}/members/${MEMBER}/roles/${ROLE}`,
    ]);
  });

  it('without Manage Roles, explains what the admin must do and changes nothing', async () => {
    server({ botPermissions: '0', botPosition: 5 });
    expect(await notify('on')).toMatch(/lacks the Manage Roles permission/);
    expect(roleCalls()).toEqual([]);
  });

  it('with the role not below the bot’s highest, explains the role order and changes nothing', async () => {
    server({ botPermissions: MANAGE_ROLES, botPosition: 2 });
    expect(await notify('on')).toMatch(/not below the bot’s highest role/);
    expect(roleCalls()).toEqual([]);
  });

  it('with the role deleted, asks for another role', async () => {
    server({ botPermissions: MANAGE_ROLES, botPosition: 5, role: false });
    expect(await notify('on')).toMatch(/was deleted/);
    expect(roleCalls()).toEqual([]);
  });

  it('when Discord refuses the change anyway (403), explains the permission', async () => {
    server({ botPermissions: MANAGE_ROLES, botPosition: 5 });
    fake.fail({
      method: 'PUT',
      path: /\/roles\/\d+$/,
      status: 403,
      body: { code: 50013, message: 'Missing Permissions' },
    });
    expect(await notify('on')).toMatch(/lacks the Manage Roles permission/);
    expect(fake.memberRoles.get(MEMBER)).toBeUndefined();
  });

  it('in a channel whose daily question pings no role, says the admin can choose one', async () => {
    await store.daily.putSubscription(subscription(CHANNEL_ID, { platform: 'discord', roleId: null }));
    expect(await notify('on')).toMatch(/mentions no role/);
  });

  describe('the daily post’s role ping falls back to none, and /daily status says why', () => {
    const admin = {
      platform: 'discord' as const,
      chat: { id: CHANNEL_ID, kind: 'group' as const },
      user: { id: MEMBER, admin: true },
      locale: 'en' as const,
    };
    const post = async () => {
      clock.advance(60_000);
      await daily.postNow(`discord:${CHANNEL_ID}`);
      const sent = fake.requests.filter(
        (r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`,
      );
      return (sent.at(-1)?.body ?? {}) as Json;
    };
    const status = async () =>
      (await router.invoke({ name: 'daily', subcommand: 'status', options: {} }, admin))?.body ?? '';

    it('pings a role that exists and may be mentioned', async () => {
      fake.roles = [FakeDiscord.role({ id: ROLE, mentionable: true })];
      const body = await post();
      expect(body.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
      expect(await status()).not.toMatch(/did not mention/);
    });

    it('a deleted role: the post goes out without a ping', async () => {
      fake.roles = [];
      const body = await post();
      expect(body.content ?? '').not.toContain(ROLE);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(await status()).toMatch(/did not mention the role .*the role was deleted/s);
    });

    it('a role the bot may no longer mention: no ping, and the status names the permission', async () => {
      server({ botPermissions: MANAGE_ROLES, botPosition: 5 }); // the role is not mentionable
      const body = await post();
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(await status()).toMatch(/not mentionable and the bot lacks Mention @everyone/);
      // Given Mention @everyone (1 << 17), the next post pings again.
      server({ botPermissions: String((1n << 28n) | (1n << 17n)), botPosition: 5 });
      expect((await post()).allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
      expect(await status()).not.toMatch(/did not mention/);
    });
  });

  it('sends the weekly digest once, mentioning nobody, names as text', async () => {
    await store.daily.putSubscription(
      subscription(CHANNEL_ID, { platform: 'discord', roleId: ROLE, digest: 'sun 20:00', time: '23:00' }),
    );
    fake.roles = [FakeDiscord.role({ id: ROLE, mentionable: true })];
    const entry = kb.entries[0];
    for (const [i, who] of ['@everyone', `<@&${ROLE}>`, 'Ada'].entries()) {
      await store.answers.record({
        platform: 'discord',
        chatKey: chatKey('discord', CHANNEL_ID),
        userKey: userKey('discord', `5000${i}`),
        userName: who,
        questionId: 'q1',
        entryId: entry?.id ?? '',
        category: entry?.category ?? '',
        item: 0,
        chosen: 0,
        correct: i > 0,
        answeredAt: Date.parse('2025-06-01T10:00:00Z'),
        timeMs: 1000,
      });
    }
    clock.set('2025-06-01T12:00:00Z'); // Sunday 20:00 in Shanghai
    await daily.tick();
    await daily.tick();
    const sent = fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`,
    );
    expect(sent).toHaveLength(1);
    const body = (sent[0]?.body ?? {}) as Json;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content ?? '').toBe('');
    const text = JSON.stringify(body.embeds);
    expect(text).toContain('Ada');
    // A name is shown as text, without a leading @ (as in /top and rounds).
    expect(text).toMatch(/🥉 everyone/u);
  });

  it('on Telegram, says there are no roles', async () => {
    const reply = await router.invokeText('/notify on', {
      platform: 'telegram',
      chat: { id: '-42', kind: 'group' },
      user: { id: 'u1', admin: false },
      locale: 'en',
    });
    expect(reply?.body).toMatch(/Telegram has no roles/);
    const terminal = await router.invokeText('/notify off', {
      platform: 'terminal',
      chat: { id: 'local', kind: 'private' },
      user: { id: 'me', admin: true },
      locale: 'en',
    });
    expect(terminal?.body).toMatch(/for Discord servers/);
  });
});
