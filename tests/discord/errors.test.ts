import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '../../src/kernel/i18n.ts';
import { DeliveryError } from '../../src/kernel/outbox.ts';
import type { Json } from '../fakes/discord.ts';
import { embedOf, type Harness, messageBodies, startHarness, TOKEN } from './harness.ts';
import { press, slash } from './payloads.ts';

const CHANNEL = '700000000000000001';

describe('discord errors and slow replies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fixtures: true, tuning: { deferAfterMs: 40 } });
  });
  afterAll(async () => {
    for (const body of messageBodies(h.fake.requests)) expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(h.logs)).not.toContain(TOKEN);
    await h.close();
  });

  const help = () => slash(h.fake.applicationId, 'help');
  const webhook = (token: unknown, rest = '') => `/webhooks/${h.fake.applicationId}/${String(token)}${rest}`;

  it('logs an Unknown interaction (10062) with the interaction id and keeps serving', async () => {
    h.fake.fail({
      method: 'POST',
      path: /\/callback$/,
      status: 404,
      body: { code: 10062, message: 'Unknown interaction' },
    });
    const expired = help();
    await h.fake.interact(expired);
    await expect.poll(() => h.logs.find((l) => l.interaction === expired.id)).toMatchObject({ code: 10062 });
    const next = await h.fake.interact(help());
    expect((next.body as { type: number }).type).toBe(4);
    expect(h.adapter.healthy()).toBe(true);
  });

  it('answers a failure outside the router with an ephemeral apology and an error log line', async () => {
    // Four 500s: the first try and discord.js's three retries; the apology then goes through.
    h.fake.fail({ method: 'POST', path: /\/callback$/, status: 500, body: { message: 'oops' }, times: 4 });
    const failing = help();
    const path = `/interactions/${String(failing.id)}/${String(failing.token)}/callback`;
    h.fake.dispatch('INTERACTION_CREATE', failing);
    const apology = await h.fake.waitFor(
      (r) => r.path === path && ((r.body as Json).data as Json | undefined)?.flags === 64,
    );
    expect(((apology.body as Json).data as Json).content).toBe(message('zh-CN', 'common.apology'));
    const line = h.logs.find((l) => l.interaction === failing.id && l.level === 50);
    expect(line?.msg).toBe('discord interaction failed');
  });

  it('defers a slow command, then edits the deferred reply', async () => {
    const slow = slash(h.fake.applicationId, 'slow', { ms: 150 });
    const first = await h.fake.interact(slow);
    expect((first.body as { type: number }).type).toBe(5);
    const edit = await h.fake.waitFor(
      (r) => r.method === 'PATCH' && r.path === webhook(slow.token, '/messages/@original'),
    );
    expect(embedOf(edit.body as Json).description).toBe('done after 150 ms');
  });

  it('defers a slow private command, then replaces the reply by an ephemeral follow-up', async () => {
    const slow = slash(h.fake.applicationId, 'slow', { ms: 150, visibility: 'private' });
    await h.fake.interact(slow);
    await h.fake.waitFor(
      (r) => r.method === 'DELETE' && r.path === webhook(slow.token, '/messages/@original'),
    );
    const follow = await h.fake.waitFor((r) => r.method === 'POST' && r.path === webhook(slow.token));
    expect((follow.body as Json).flags).toBe(64);
  });

  it('defers a slow command declared private privately from the start: a deferral and an edit, no more', async () => {
    const slow = slash(h.fake.applicationId, 'whisper', { ms: 150 });
    const first = (await h.fake.interact(slow)).body as { type: number; data?: Json };
    expect(first).toMatchObject({ type: 5, data: { flags: 64 } });
    const edit = await h.fake.waitFor(
      (r) => r.method === 'PATCH' && r.path === webhook(slow.token, '/messages/@original'),
    );
    expect(embedOf(edit.body as Json).description).toBe('whispered after 150 ms');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const calls = h.fake.requests.filter((r) => r.path.includes(String(slow.token)));
    expect(calls.map((r) => r.method)).toEqual(['POST', 'PATCH']);
  });

  it('answers a quick command declared private with one ephemeral reply', async () => {
    const quick = slash(h.fake.applicationId, 'whisper', { ms: 0 });
    const reply = (await h.fake.interact(quick)).body as { type: number; data: Json };
    expect(reply).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  it('defers a slow button: deferred update, then an edit of its message or a follow-up', async () => {
    const on = h.fake.message(CHANNEL, {});
    const edit = press(h.fake.applicationId, 'slow:wait:150:edit', on);
    expect(((await h.fake.interact(edit)).body as { type: number }).type).toBe(6);
    await h.fake.waitFor(
      (r) => r.method === 'PATCH' && r.path === webhook(edit.token, '/messages/@original'),
    );
    const fresh = press(h.fake.applicationId, 'slow:wait:150:_', on);
    expect(((await h.fake.interact(fresh)).body as { type: number }).type).toBe(6);
    const follow = await h.fake.waitFor((r) => r.method === 'POST' && r.path === webhook(fresh.token));
    expect((follow.body as Json).flags ?? 0).toBe(0);
    const secret = press(h.fake.applicationId, '!slow:wait:150:edit', on);
    const deferred = (await h.fake.interact(secret)).body as { type: number; data: Json };
    expect(deferred).toMatchObject({ type: 5, data: { flags: 64 } });
    await h.fake.waitFor(
      (r) => r.method === 'PATCH' && r.path === webhook(secret.token, '/messages/@original'),
    );
  });

  it('sends to a channel (the daily question) and resolves to the message id', async () => {
    const id = await h.adapter.send(
      CHANNEL,
      { title: 'Daily', body: '@everyone **hi**', accent: 'nlp' },
      {
        replyTo: '710000000000000001',
        locale: 'en',
      },
    );
    expect(id).toMatch(/^\d+$/);
    const post = await h.fake.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${CHANNEL}/messages`,
    );
    const body = post.body as Json;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.message_reference).toMatchObject({ message_id: '710000000000000001' });
    expect(embedOf(body).description).toBe('\\@everyone **hi**');
  });

  it('classifies failed sends: gone, rate-limited, transient', async () => {
    const sendFailing = async (status: number, body: Json, headers?: Record<string, string>, times = 1) => {
      h.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status, body, headers, times });
      const error = await h.adapter.send(CHANNEL, { body: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryError);
      return error as DeliveryError;
    };
    expect((await sendFailing(404, { code: 10003, message: 'Unknown Channel' })).kind).toBe('gone');
    expect((await sendFailing(403, { code: 50001, message: 'Missing Access' })).kind).toBe('gone');
    expect((await sendFailing(403, { code: 50013, message: 'Missing Permissions' })).kind).toBe('gone');
    const limited = await sendFailing(
      429,
      { message: 'You are being rate limited.', retry_after: 2, global: false },
      { 'retry-after': '2', 'x-ratelimit-scope': 'user' },
    );
    expect(limited.kind).toBe('rate-limited');
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect((await sendFailing(502, { message: 'Bad Gateway' }, undefined, 4)).kind).toBe('transient');
    expect((await sendFailing(400, { code: 50035, message: 'Invalid Form Body' })).kind).toBe('transient');
    const bad = await h.adapter.send('general', { body: 'x' }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ kind: 'gone' });
  });
});

describe('discord deferral with the default timing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fixtures: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it("defers a reply not ready after about a second, well within Discord's 3 s", async () => {
    const slow = slash(h.fake.applicationId, 'slow', { ms: 1_600 });
    const first = await h.fake.interact(slow);
    expect((first.body as { type: number }).type).toBe(5);
  });
});
