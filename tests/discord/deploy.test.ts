import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { discordCommands } from '../../src/adapters/discord/commands.ts';
import { createServices } from '../../src/app/services.ts';
import { deployCommands, deployCommandsCli } from '../../src/cli/deploy-commands.ts';
import { UsageError } from '../../src/cli/usage.ts';
import { EX_CONFIG } from '../../src/config.ts';
import type { KnowledgeBase } from '../../src/features/knowledge/base.ts';
import type { Command } from '../../src/kernel/command.ts';
import { FakeDiscord } from '../fakes/discord.ts';
import { TOKEN, testCommands } from './harness.ts';

type Definition = ReturnType<typeof discordCommands>[number];
interface OptionJson {
  name: string;
  type: number;
  required?: boolean;
  autocomplete?: boolean;
  description_localizations?: Record<string, string>;
  choices?: { name: string; value: string; name_localizations?: Record<string, string> }[];
  options?: OptionJson[];
}

describe('discord slash-command definitions and deploy-commands', () => {
  let kb: KnowledgeBase;
  let commands: Command[];
  let fake: FakeDiscord;
  beforeAll(async () => {
    kb = createServices().kb;
    commands = await testCommands(true);
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    process.chdir(cwd);
    for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const cwd = process.cwd();
  const temporary: string[] = [];
  /** The CLI reads `.env` of the working directory: run it where there is none. */
  const elsewhere = () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkb-deploy-'));
    temporary.push(dir);
    process.chdir(dir);
  };

  const byName = (defs: Definition[], name: string) => {
    const def = defs.find((d) => d.name === name);
    if (!def) throw new Error(`no /${name}`);
    return { def, options: (def.options ?? []) as OptionJson[] };
  };

  it('generates one definition per command, usable in servers, DMs and as a user app', () => {
    const defs = discordCommands(commands, kb);
    expect(defs.map((d) => d.name)).toEqual(commands.map((c) => c.name));
    for (const [i, def] of defs.entries()) {
      const command = commands[i];
      expect(def.description).toBe(command?.description.en);
      expect(def.description_localizations).toEqual({ 'zh-CN': command?.description['zh-CN'] });
      expect(def.description.length).toBeLessThanOrEqual(100);
      expect(def.contexts).toEqual([0, 1, 2]);
      expect(def.integration_types).toEqual([0, 1]);
      expect(def.default_member_permissions).toBe(command?.access === 'admin' ? '32' : null);
    }
  });

  it('declares options with localizations, choices from the knowledge base, required first', () => {
    const defs = discordCommands(commands, kb);
    const search = byName(defs, 'search').options;
    expect(search.map((o) => [o.name, o.type, o.required, o.autocomplete])).toEqual([
      ['query', 3, true, true],
      ['category', 3, false, undefined],
    ]);
    expect(search[0]?.description_localizations?.['zh-CN']).toContain('交叉熵');
    expect(search[1]?.choices?.map((c) => c.value)).toEqual(kb.categories.map((c) => c.id));
    expect(search[1]?.choices?.[0]?.name_localizations?.['zh-CN']).toBe(kb.categories[0]?.name);
    const difficulty = byName(defs, 'quiz').options.find((o) => o.name === 'difficulty');
    expect(difficulty?.choices).toEqual([
      { name: 'easy', name_localizations: { 'zh-CN': '简单' }, value: 'easy' },
      { name: 'medium', name_localizations: { 'zh-CN': '中等' }, value: 'medium' },
      { name: 'hard', name_localizations: { 'zh-CN': '困难' }, value: 'hard' },
    ]);
    expect(byName(defs, 'show').options[0]).toMatchObject({ name: 'id', required: true, autocomplete: true });
    expect(byName(defs, 'slow').options.find((o) => o.name === 'ms')).toMatchObject({
      min_value: 0,
      max_value: 5000,
    });
  });

  it('turns subcommands into subcommand options, and a choice list over 25 into autocomplete', () => {
    const deck = byName(discordCommands(commands, kb), 'deck').options;
    expect(deck.map((o) => [o.name, o.type])).toEqual([
      ['add', 1],
      ['pick', 1],
    ]);
    const letter = deck[1]?.options?.[0];
    expect(letter).toMatchObject({ name: 'letter', type: 3, autocomplete: true });
    expect(letter?.choices).toBeUndefined();
  });

  it('refuses a command name Discord would reject, naming it', () => {
    const bad = { ...commands[0], name: 'Bad Name' } as Command;
    expect(() => discordCommands([bad], kb)).toThrow(/\/Bad Name.*not a valid Discord name/);
  });

  it('registers every command globally with one PUT whose body is the definitions', async () => {
    const real = await testCommands(false);
    // A trailing slash on DISCORD_API_URL is harmless.
    const names = await deployCommands({ token: TOKEN, apiUrl: `${fake.apiUrl}/`, commands: real, kb });
    expect(names).toEqual(real.map((c) => c.name));
    const lookup = await fake.waitFor((r) => r.method === 'GET' && r.path === '/oauth2/applications/@me');
    expect(lookup.authorization).toBe(`Bot ${TOKEN}`);
    const puts = fake.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe(`/applications/${fake.applicationId}/commands`);
    expect(puts[0]?.body).toEqual(JSON.parse(JSON.stringify(discordCommands(real, kb))));
  });

  it('deploy-commands --guild registers in one server with the application id from the env', async () => {
    vi.stubEnv('DISCORD_TOKEN', TOKEN);
    vi.stubEnv('DISCORD_API_URL', fake.apiUrl);
    vi.stubEnv('DISCORD_APPLICATION_ID', '123456789012345678');
    elsewhere();
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const before = fake.requests.length;
    expect(await deployCommandsCli.run(['--guild', '300000000000000001'])).toBe(0);
    const made = fake.requests.slice(before);
    expect(made.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /applications/123456789012345678/guilds/300000000000000001/commands',
    ]);
    expect(await deployCommandsCli.run(['--guild', '300000000000000001', '--clear'])).toBe(0);
    const cleared = fake.requests.at(-1);
    expect(cleared?.path).toBe('/applications/123456789012345678/guilds/300000000000000001/commands');
    expect(cleared?.body).toEqual([]);
    expect(String(out.mock.calls[1]?.[0])).toBe('removed every command in server 300000000000000001');
    expect(String(out.mock.calls[0]?.[0])).toMatch(
      /^registered \d+ commands in server 300000000000000001: (\/[a-z-]+ ?)+$/,
    );
  });

  it('exits 78 with a clear message without DISCORD_TOKEN, and 1 without leaking a refused token', async () => {
    elsewhere();
    vi.stubEnv('DISCORD_TOKEN', '');
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await deployCommandsCli.run([])).toBe(EX_CONFIG);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/DISCORD_TOKEN is not set/);
    vi.stubEnv('DISCORD_TOKEN', 'Bot not-a-token');
    expect(await deployCommandsCli.run([])).toBe(EX_CONFIG);
    expect(String(err.mock.calls[1]?.[0])).toMatch(/configuration error: DISCORD_TOKEN/);
    expect(String(err.mock.calls[1]?.[0])).not.toContain('not-a-token');
    vi.stubEnv('DISCORD_TOKEN', TOKEN);
    vi.stubEnv('DISCORD_API_URL', fake.apiUrl);
    fake.fail({
      method: 'GET',
      path: /^\/oauth2\/applications\/@me$/,
      status: 401,
      body: { code: 0, message: '401: Unauthorized' },
    });
    expect(await deployCommandsCli.run([])).toBe(1);
    expect(String(err.mock.calls[2]?.[0])).toMatch(/refused the token/);
    expect(JSON.stringify(err.mock.calls)).not.toContain(TOKEN);
    await expect(async () => deployCommandsCli.run(['--guild', 'abc'])).rejects.toThrow(UsageError);
  });
});
