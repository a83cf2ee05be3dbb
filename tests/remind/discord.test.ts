/**
 * Reminders end to end on Discord: the real adapter (discord.js) against the fake Discord. The reminder
 * is a DM (the adapter opens the DM channel, `POST /users/@me/channels`), sent once; when the person's
 * DMs are closed (403, 50007) the reminder turns off and their next command says so, once; a send whose
 * answer was lost (it may have arrived) is never repeated.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailyScheduler } from '../../src/features/daily/scheduler.ts';
import type { Store } from '../../src/features/parts.ts';
import type { Clock } from '../daily/helpers.ts';
import { liveDiscord } from '../daily/live.ts';
import { slash } from '../discord/payloads.ts';
import type { FakeDiscord, Json, RecordedRequest } from '../fakes/discord.ts';
import { dueCards } from './helpers.ts';

const USER = '400000000000000001';
const KEY = `discord:${USER}`;

const dataOf = (r: RecordedRequest) => ((r.body as Json).data ?? {}) as Json;
const dmPosts = (fake: FakeDiscord) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.dms.get(USER)}/messages`);

describe('/remind on Discord', () => {
  let fake: FakeDiscord;
  let daily: DailyScheduler;
  let store: Store;
  let clock: Clock;
  let live: Awaited<ReturnType<typeof liveDiscord>>;

  beforeEach(async () => {
    live = await liveDiscord({ at: '2025-06-01T06:00:00Z', reminders: true, start: true });
    ({ fake, daily, store, clock } = live);
  });
  afterEach(() => live.stop());

  const run = (name: string, values: Record<string, string> = {}) =>
    fake.interact(slash(fake.applicationId, name, values, { locale: 'en-US' })).then(dataOf);

  it('sends the reminder once as a DM, with a button that starts /review', async () => {
    const on = await run('remind', { mode: 'on', when: '09:00 Europe/Berlin' });
    expect(JSON.stringify(on)).toContain('Reminders on: at 09:00 (Europe/Berlin)');
    expect(on.flags).toBe(64);
    await dueCards(store, KEY, 4, '2025-05-31T00:00:00Z');

    clock.set('2025-06-01T07:00:00Z'); // 09:00 CEST
    await daily.tick();
    await daily.tick();
    const opened = fake.requests.filter((r) => r.path === '/users/@me/channels');
    expect(opened[0]?.body).toEqual({ recipient_id: USER });
    const [dm, ...more] = dmPosts(fake);
    expect(more).toEqual([]);
    const body = (dm?.body ?? {}) as Json;
    expect(JSON.stringify(body)).toContain('You have **4** cards due');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const rows = body.components as { components: { custom_id: string }[] }[];
    expect(rows[0]?.components[0]?.custom_id).toBe('review:next');
    expect(await store.reminders.getSend(KEY, '2025-06-01')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('sends nothing when nothing is due', async () => {
    await run('remind', { mode: 'on', when: '09:00 Europe/Berlin' });
    clock.set('2025-06-01T07:05:00Z');
    await daily.tick();
    expect(fake.requests.filter((r) => r.path === '/users/@me/channels')).toEqual([]);
    expect(await store.reminders.getSend(KEY, '2025-06-01')).toMatchObject({ status: 'skipped' });
  });

  it('DMs closed: turns the reminder off and tells the person with their next command, once', async () => {
    await run('remind', { mode: 'on', when: '09:00 Europe/Berlin' });
    await dueCards(store, KEY, 2, '2025-05-31T00:00:00Z');
    fake.closedDms.add(USER);
    clock.set('2025-06-01T07:00:00Z');
    await daily.tick();
    expect(await store.reminders.get(KEY)).toMatchObject({ on: false, notice: 'unreachable' });
    expect(await store.reminders.getSend(KEY, '2025-06-01')).toMatchObject({ status: 'failed', attempts: 1 });

    const first = JSON.stringify(await run('topics'));
    expect(first).toContain('Discord refused my direct message');
    const second = JSON.stringify(await run('topics'));
    expect(second).not.toContain('Discord refused my direct message');
    clock.set('2025-06-02T07:00:00Z');
    await daily.tick();
    expect(dmPosts(fake)).toHaveLength(1);
  });

  it('a send whose answer was lost may have arrived: recorded unknown, never sent again', async () => {
    await run('remind', { mode: 'on', when: '09:00 Europe/Berlin' });
    await dueCards(store, KEY, 1, '2025-05-31T00:00:00Z');
    fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 0, dropAnswer: true });
    clock.set('2025-06-01T07:00:00Z');
    await daily.tick();
    clock.set('2025-06-01T07:10:00Z');
    await daily.tick();
    expect(dmPosts(fake)).toHaveLength(1);
    expect((await store.reminders.getSend(KEY, '2025-06-01'))?.status).toBe('unknown');
    expect((await store.reminders.get(KEY))?.on).toBe(true);
  });
});
