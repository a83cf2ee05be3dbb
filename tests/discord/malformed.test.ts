import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../fakes/discord.ts';
import { embedOf, type Harness, startHarness } from './harness.ts';
import { autocomplete, press, slash } from './payloads.ts';

/** Deletes a field of a payload (nested with a path), or sets it when a value is given. */
function change(payload: Json, path: string[], ...value: unknown[]): Json {
  const last = path.at(-1) ?? '';
  let at: Json = payload;
  for (const key of path.slice(0, -1)) at = at[key] as Json;
  if (value.length === 0) delete at[last];
  else at[last] = value[0];
  return payload;
}

describe('discord malformed interaction events', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const app = () => h.fake.applicationId;
  const help = () => slash(app(), 'help');
  /** [what is wrong, the payload, where the logged problem points]. */
  const malformed: [string, () => Json, string][] = [
    [
      'member.permissions not a bitfield',
      () => change(help(), ['member', 'permissions'], 'lots'),
      'member.permissions',
    ],
    [
      'member.permissions an object',
      () => change(help(), ['member', 'permissions'], { all: true }),
      'member.permissions',
    ],
    ['app_permissions not a bitfield', () => change(help(), ['app_permissions'], 'x1'), 'app_permissions'],
    ['app_permissions null', () => change(help(), ['app_permissions'], null), 'app_permissions'],
    ['no user and no member', () => change(help(), ['member']), 'user'],
    ['member without user', () => change(help(), ['member', 'user']), 'member.user'],
    ['no data', () => change(help(), ['data']), 'data'],
    ['options an object', () => change(help(), ['data', 'options'], { name: 'x' }), 'data.options'],
    [
      'subcommand options a string',
      () => change(slash(app(), 'daily', {}, {}, 'status'), ['data', 'options', '0', 'options'], 'x'),
      'data.options.0.options',
    ],
    [
      'autocomplete options a number',
      () => change(autocomplete(app(), 'show', { id: 'bn' }, 'id'), ['data', 'options'], 7),
      'data.options',
    ],
    ['button without message', () => change(press(app(), 'show:card:bn', {}), ['message']), 'message'],
    ['button message a string', () => change(press(app(), 'show:card:bn', {}), ['message'], 'm'), 'message'],
    ['entitlements not an array', () => change(help(), ['entitlements'], null), 'entitlements'],
    ['no id', () => change(help(), ['id']), 'id'],
    ['data a string', () => change(help(), ['data'], 'help'), 'data'],
    ['not an object at all', () => ({ length: 3 }) as Json, 'id'],
  ];

  it.each(malformed)('drops an event with %s, logs it, and keeps serving', async (_name, make, where) => {
    const bad = make();
    const before = h.logs.length;
    h.fake.dispatch('INTERACTION_CREATE', bad);
    const next = await h.fake.interact(help());
    expect((next.body as { type: number }).type).toBe(4);
    expect(String(embedOf((next.body as { data: Json }).data).title)).toBeTruthy();
    const dropped = h.logs.slice(before).filter((l) => l.msg === 'discord: malformed interaction dropped');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ level: 40 });
    expect(String(dropped[0]?.problem)).toMatch(new RegExp(`^${where.replaceAll('.', '\\.')}: `));
    if (typeof bad.token === 'string') expect(dropped[0]?.problem).not.toContain(bad.token);
    // Nothing was sent for the malformed event.
    const path = `/interactions/${String(bad.id)}/${String(bad.token)}/callback`;
    expect(h.fake.requests.some((r) => r.path === path)).toBe(false);
    expect(h.adapter.healthy()).toBe(true);
  });

  it('still answers well-formed interactions of every kind, dropping none', async () => {
    const drops = () => h.logs.filter((l) => l.msg === 'discord: malformed interaction dropped').length;
    const before = drops();
    const entry = h.router.services.kb.entries[0]?.id ?? '';
    const card = await h.fake.interact(press(app(), `show:card:${entry}`, h.fake.message('1', {})));
    expect([4, 7]).toContain((card.body as { type: number }).type);
    const choices = await h.fake.interact(autocomplete(app(), 'show', { id: 'bn' }, 'id'));
    expect((choices.body as { type: number }).type).toBe(8);
    const dm = await h.fake.interact(slash(app(), 'help', {}, { dm: true }));
    expect((dm.body as { type: number }).type).toBe(4);
    expect(drops()).toBe(before);
  });
});
