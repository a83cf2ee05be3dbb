import { embedLength } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/features/knowledge/base.ts';
import { choicesOf } from '../../src/kernel/args.ts';
import type { Command, OptionsSpec } from '../../src/kernel/command.ts';
import { message, translator } from '../../src/kernel/i18n.ts';
import type { Json } from '../fakes/discord.ts';
import { callbackData, customIds, embedOf, type Harness, messageBodies, startHarness } from './harness.ts';
import { MANAGE_GUILD, slash, type Where } from './payloads.ts';

/** Valid values for every option, so each command can be run as a person would. */
function sampleValues(options: OptionsSpec | undefined, kb: KnowledgeBase): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, o] of Object.entries(options ?? {})) {
    if (o.type === 'integer') out[name] = o.min;
    else if (o.type === 'choice') out[name] = choicesOf(o, kb)[0] ?? '';
    else out[name] = o.autocomplete === 'entry' ? (kb.entries[0]?.id ?? '') : 'BN';
  }
  return out;
}

describe('discord slash commands', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fixtures: true });
  });
  afterAll(async () => {
    // Every message the adapter sent, in every test of this file, disables mentions.
    for (const body of messageBodies(h.fake.requests)) expect(body.allowed_mentions).toEqual({ parse: [] });
    await h.close();
  });

  const run = async (name: string, values: Record<string, string | number> = {}, where: Where = {}) =>
    callbackData(await h.fake.interact(slash(h.fake.applicationId, name, values, where)));

  it('answers every command of commands/ with an embed within the limits', async () => {
    const kb = h.router.services.kb;
    const real = h.router.commands.filter(
      (c) => !['settings', 'slow', 'huge', 'deck', 'whisper'].includes(c.name),
    );
    expect(real.map((c) => c.name)).toEqual(
      expect.arrayContaining(['help', 'search', 'show', 'topics', 'quiz']),
    );
    const apology = [message('zh-CN', 'common.apology'), message('en', 'common.apology')];
    for (const command of real as Command[]) {
      const variants = command.subcommands
        ? Object.entries(command.subcommands).map(([sub, s]) => ({
            sub,
            values: sampleValues(s.options, kb),
          }))
        : [{ sub: undefined, values: sampleValues(command.options, kb) }];
      for (const { sub, values } of variants) {
        const where = { permissions: command.access === 'admin' ? MANAGE_GUILD : '0' };
        const callback = await h.fake.interact(slash(h.fake.applicationId, command.name, values, where, sub));
        const body = callback.body as { type: number; data: Json };
        expect([4, 5], `/${command.name}`).toContain(body.type);
        if (body.type !== 4) continue;
        const embed = embedOf(body.data);
        expect(embed.description ?? embed.title, `/${command.name}`).toBeTruthy();
        expect(apology).not.toContain(embed.description);
        expect(embedLength(embed)).toBeLessThanOrEqual(6000);
      }
    }
  });

  it('/help lists every command, in the person’s language', async () => {
    const zh = embedOf(await run('help'));
    const en = embedOf(await run('help', {}, { locale: 'en-US' }));
    expect(zh.title).toContain('深度学习');
    expect(en.title).toContain('deep-learning');
    for (const c of h.router.commands) expect(String(zh.description)).toContain(`/${c.name}`);
  });

  it('/search shows numbered hits with buttons that open cards', async () => {
    const data = await run('search', { query: 'batch normalization' });
    expect(String(embedOf(data).description)).toMatch(/^1\. \*\*/);
    const [ids = [], ...followUps] = customIds(data);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^show:card:[a-z0-9-]+$/);
    // Matching follow-ups (追问) come after, each asked privately.
    for (const id of followUps.flat()) expect(id).toMatch(/^!show:fq:[a-z0-9-]+\.[a-z0-9-]+$/);
    expect(data.flags ?? 0).toBe(0);
  });

  it('/search with nothing found is ephemeral', async () => {
    const data = await run('search', { query: 'zzzqqqxxx' });
    expect(data.flags).toBe(64);
  });

  it('/show opens a card with a reveal button; an unknown id gets an ephemeral message', async () => {
    const entry = h.router.services.kb.entries[0];
    if (!entry) throw new Error('empty knowledge base');
    const card = await run('show', { id: entry.id });
    expect(embedOf(card).title).toContain(entry.question.slice(0, 10));
    expect(customIds(card)).toEqual([[`show:ans:${entry.id}`]]);
    expect(embedOf(card).color).toEqual(expect.any(Number));
    const missing = await run('show', { id: 'no-such-entry' });
    expect(missing.flags).toBe(64);
    expect(missing.embeds).toBeDefined();
  });

  it('/topics lists categories as buttons, at most 5 per row and 5 rows', async () => {
    const data = await run('topics');
    const rows = customIds(data);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(5);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(5);
    expect(rows.flat()[0]).toMatch(/^topics:list:[a-z0-9-]+:1$/);
  });

  it('/quiz honours the category choice and offers reveal and next', async () => {
    const category = h.router.services.kb.categories[0];
    if (!category) throw new Error('no category');
    const data = await run('quiz', { category: category.id });
    const ids = customIds(data).flat();
    expect(ids[0]).toMatch(new RegExp(`^quiz:ans:[a-z0-9-]+:${category.id}:_$`));
    expect(ids[1]).toBe(`quiz:next:${category.id}:_`);
    expect(String(embedOf(data).title)).toContain(category.name);
  });

  it('refuses an admin command to a member without Manage Server, allows it with it and in a DM', async () => {
    const refused = await run('settings');
    expect(refused.flags).toBe(64);
    expect(refused.embeds).toBeDefined();
    expect(embedOf(refused).description).toBe(message('zh-CN', 'common.adminOnly'));
    const allowed = await run('settings', {}, { permissions: MANAGE_GUILD });
    expect(embedOf(allowed).description).toMatch(/^admin ok/);
    const administrator = await run('settings', {}, { permissions: '8' });
    expect(embedOf(administrator).description).toMatch(/^admin ok/);
    const dm = await run('settings', {}, { dm: true });
    expect(embedOf(dm).description).toMatch(/^admin ok/);
  });

  it('says in a group DM that /daily is not available there, even with Manage Server', async () => {
    const where = { groupDm: true, permissions: MANAGE_GUILD };
    for (const sub of ['subscribe', 'status', 'now', 'unsubscribe']) {
      const data = callbackData(await h.fake.interact(slash(h.fake.applicationId, 'daily', {}, where, sub)));
      expect(data.flags, sub).toBe(64);
      expect(embedOf(data).description, sub).toBe(
        translator('zh-CN')('discord.notInGroupDm', { command: 'daily' }),
      );
    }
    const english = callbackData(
      await h.fake.interact(
        slash(h.fake.applicationId, 'daily', {}, { ...where, locale: 'en-US' }, 'status'),
      ),
    );
    expect(embedOf(english).description).toBe(translator('en')('discord.notInGroupDm', { command: 'daily' }));
    // Everyone's commands still work there.
    const help = callbackData(await h.fake.interact(slash(h.fake.applicationId, 'help', {}, where)));
    expect(help.flags ?? 0).toBe(0);
  });

  it('routes a subcommand with its options', async () => {
    const entry = h.router.services.kb.entries[1]?.id ?? '';
    const data = callbackData(
      await h.fake.interact(slash(h.fake.applicationId, 'deck', { id: entry }, {}, 'add')),
    );
    expect(embedOf(data).description).toBe(`added ${entry}`);
  });

  it('keeps an oversized reply within every limit, with a visible "…" and a pointer to /show', async () => {
    const data = await run('huge');
    const embed = embedOf(data);
    const entry = h.router.services.kb.entries[0]?.id;
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
    expect(String(embed.title).length).toBeLessThanOrEqual(256);
    expect(String(embed.description).length).toBeLessThanOrEqual(4096);
    expect(String(embed.description)).toContain('…');
    expect(String(embed.description)).toContain(`/show ${entry}`);
    expect(String(embed.description)).not.toMatch(/(^|[^\\])@everyone/);
    expect(String(embed.description)).not.toMatch(/(^|[^\\])<@\d/);
    const rows = data.components as { components: { label: string; custom_id: string }[] }[];
    expect(rows.length).toBeLessThanOrEqual(5);
    for (const row of rows) {
      expect(row.components.length).toBeLessThanOrEqual(5);
      for (const b of row.components) {
        expect(b.label.length).toBeLessThanOrEqual(80);
        expect(b.custom_id.length).toBeLessThanOrEqual(100);
      }
    }
  });
});
