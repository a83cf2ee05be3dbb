import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { Router } from '../../src/app/router.ts';
import { createRouter } from '../../src/app/services.ts';
import type { ArgsOf } from '../../src/kernel/command.ts';
import { translator } from '../../src/kernel/i18n.ts';
import type { Reply } from '../../src/kernel/reply.ts';
import type { ServedEvent } from '../../src/kernel/router.ts';
import { capturedLogger, origin } from './helpers.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/commands/', import.meta.url));
const zh = translator('zh-CN');
const en = translator('en');

let router: Router;
let logLines: () => Array<Record<string, unknown>>;
let real: Router;

beforeAll(async () => {
  const captured = capturedLogger();
  logLines = captured.lines;
  router = await createRouter({ commandsDir: FIXTURES, log: captured.log });
  real = await createRouter();
});

const member = origin();
const admin = origin({ admin: true });
const text = async (line: string, o = member): Promise<Reply> => {
  const reply = await router.invokeText(line, o);
  if (!reply) throw new Error(`not a command: ${line}`);
  return reply;
};
const echoed = async (line: string) => JSON.parse((await text(line)).body ?? '') as Record<string, unknown>;
const errors = () => logLines().filter((l) => l.level === 50);

describe('access', () => {
  it('refuses an admin-only command to a member, privately, without running it', async () => {
    expect(await text('/purge', member)).toEqual({ body: zh('common.adminOnly'), private: true });
    expect(await text('/purge', origin({ locale: 'en' }))).toEqual({
      body: en('common.adminOnly'),
      private: true,
    });
    expect(await router.invoke({ name: 'purge', options: {} }, member)).toEqual({
      body: zh('common.adminOnly'),
      private: true,
    });
  });

  it('runs it for an admin', async () => {
    expect((await text('/purge', admin)).body).toBe('purged by test-user');
    expect((await router.invoke({ name: 'purge', options: {} }, admin)).body).toBe('purged by test-user');
  });

  it("an admin command's buttons are open to whoever sees them (documented in command.ts)", async () => {
    expect((await router.press('purge:again', member)).body).toBe('button pressed by test-user');
  });

  it('the real /daily is admin-only', async () => {
    expect(real.find('daily')?.access).toBe('admin');
    const reply = await real.invokeText('/daily status', member);
    expect(reply?.body).toBe(zh('common.adminOnly'));
  });
});

describe('errors', () => {
  it('a handler that throws: a short apology, and the bug logged with its context', async () => {
    const before = errors().length;
    expect(await text('/boom bug')).toEqual({ body: zh('common.apology'), private: true });
    const logged = errors().slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: 'command failed',
      platform: 'terminal',
      chat: 'test-chat',
      user: 'test-user',
      line: '/boom bug',
      err: { type: 'Error', message: 'kaboom' },
    });
    const err = logged[0]?.err as { stack?: string } | undefined;
    expect(String(err?.stack)).toContain('boom.ts');
  });

  it('an async rejection, an invocation and a button are handled the same way', async () => {
    const before = errors().length;
    expect((await text('/boom async', origin({ locale: 'en' }))).body).toBe(en('common.apology'));
    expect((await router.invoke({ name: 'boom', options: { how: 'bug' } }, member)).body).toBe(
      zh('common.apology'),
    );
    expect(await router.press('boom:fail', member)).toEqual({ body: zh('common.apology'), private: true });
    const logged = errors().slice(before);
    expect(logged.map((l) => (l.err as { message: string }).message)).toEqual([
      'async kaboom',
      'kaboom',
      'button kaboom',
    ]);
    expect(logged[1]).toMatchObject({ invocation: { name: 'boom', options: { how: 'bug' } } });
    expect(logged[2]).toMatchObject({ action: 'boom:fail' });
  });

  it("a person's mistake is shown as is and never logged", async () => {
    const before = logLines().length;
    expect(await text('/boom mistake')).toEqual({ body: 'you asked for a mistake', private: true });
    expect(await text('/search 🙂🙂')).toEqual({ body: zh('search.queryNoWords'), private: true });
    expect(logLines().length).toBe(before);
  });

  it('reports each outcome to the observer, and an observer that throws changes nothing', async () => {
    const events: ServedEvent[] = [];
    const observed = new Router(router.commands, router.services, {
      onServed: (e) => {
        events.push(e);
        throw new Error('observer broke');
      },
    });
    await observed.invokeText('/args 2', member);
    await observed.invokeText('/args 9', member);
    await observed.invokeText('/boom bug', member);
    await observed.invokeText('/nope', member);
    await observed.press('forged:x', member);
    expect(events.map((e) => [e.kind, e.command, e.outcome])).toEqual([
      ['text', 'args', 'ok'],
      ['text', 'args', 'user-error'],
      ['text', 'boom', 'error'],
      ['text', 'unknown', 'user-error'],
      ['press', 'unknown', 'ok'],
    ]);
    expect(events.every((e) => e.platform === 'terminal' && e.ms >= 0)).toBe(true);
  });

  it('an unknown command names it and points to /help; a line that is no command is null', async () => {
    expect(await text('/nope')).toEqual({
      body: zh('common.unknownCommand', { name: 'nope' }),
      private: true,
    });
    expect((await router.invoke({ name: 'nope', options: {} }, member)).body).toBe(
      zh('common.unknownCommand', { name: 'nope' }),
    );
    expect(await router.invokeText('hello', member)).toBeNull();
    expect(await router.invokeText('/', member)).toBeNull();
    expect(await router.invokeText('/ help', member)).toBeNull();
  });
});

describe('arguments from a text line', () => {
  it('fills options in order, with named `key=value` and `key:value` words anywhere', async () => {
    expect(await echoed('/args 3')).toEqual({ count: 3 });
    expect(await echoed('/args level=high count=4')).toEqual({ count: 4, level: 'high' });
    expect(await echoed('/args count:2 note:hi')).toEqual({ count: 2, note: 'hi' });
  });

  it('recognises choices in any order, case-insensitively, and categories by their names', async () => {
    const expected = { count: 2, level: 'high', category: 'nlp' };
    expect(await echoed('/args 2 high nlp')).toEqual(expected);
    expect(await echoed('/args nlp HIGH 2')).toEqual(expected);
    expect(await echoed('/args high nlp 2')).toEqual(expected);
    expect(await echoed('/args 2 深度学习')).toEqual({ count: 2, category: 'deep-learning' });
    expect(await echoed('/args 2 PyTorch')).toEqual({ count: 2, category: 'pytorch' });
  });

  it('a rest option takes the rest of the line, cut to its maxLength', async () => {
    expect(await echoed('/args 1 low hello  world again')).toEqual({
      count: 1,
      level: 'low',
      note: 'hello worl',
    });
    expect(await echoed('/args 1 foo=bar')).toEqual({ count: 1, note: 'foo=bar' });
  });

  it.each(['0', '6', '-1', '2.5', 'abc', '1e1', '3x'])(
    'integer out of bounds or malformed: %s',
    async (value) => {
      expect(await text(`/args ${value}`)).toEqual({
        body: zh('common.badInteger', { option: 'count', min: 1, max: 5, value }),
        private: true,
      });
    },
  );

  it('accepts the bounds and a leading plus', async () => {
    expect(await echoed('/args 1')).toEqual({ count: 1 });
    expect(await echoed('/args 5')).toEqual({ count: 5 });
    expect(await echoed('/args +3')).toEqual({ count: 3 });
  });

  it('a missing required option names it and shows the usage', async () => {
    const missing = zh('common.missingOption', {
      option: 'count',
      usage: '/args <count> [level] [category] [note]',
    });
    expect(await text('/args')).toEqual({ body: missing, private: true });
    expect((await text('/args level=high')).body).toBe(missing);
  });

  it('a bad choice lists what is accepted', async () => {
    expect((await text('/args 2 level=medium')).body).toBe(
      zh('common.badChoice', { option: 'level', value: 'medium', accepted: 'low, high' }),
    );
  });

  it('subcommands: usage when missing or unknown, case-insensitive, extra words refused', async () => {
    const usage = zh('common.unknownSubcommand', { name: 'group', subcommands: 'add|list' });
    expect((await text('/group')).body).toBe(usage);
    expect((await text('/group nope 1')).body).toBe(usage);
    expect((await text('/GROUP ADD 3')).body).toBe('added 4');
    expect((await text('/group list')).body).toBe('listed');
    expect((await text('/group add 3 4')).body).toBe(
      zh('common.tooManyArgs', { extra: '4', usage: '/group add <n>' }),
    );
  });
});

describe('typed arguments (Discord)', () => {
  const invoke = async (options: Record<string, unknown>) =>
    (await router.invoke({ name: 'args', options }, member)).body ?? '';

  it('validates the same way as text', async () => {
    expect(JSON.parse(await invoke({ count: 5, level: 'HIGH', category: 'Deep learning' }))).toEqual({
      count: 5,
      level: 'high',
      category: 'deep-learning',
    });
    expect(JSON.parse(await invoke({ count: '2', note: '  spaced  ' }))).toEqual({
      count: 2,
      note: 'spaced',
    });
    expect(await invoke({ count: 6 })).toBe(
      zh('common.badInteger', { option: 'count', min: 1, max: 5, value: '6' }),
    );
    expect(await invoke({ count: 2.5 })).toBe(
      zh('common.badInteger', { option: 'count', min: 1, max: 5, value: '2.5' }),
    );
    expect(await invoke({ count: null })).toBe(
      zh('common.missingOption', { option: 'count', usage: '/args <count> [level] [category] [note]' }),
    );
  });

  it('subcommands by name', async () => {
    const reply = await router.invoke({ name: 'group', subcommand: 'add', options: { n: 0 } }, member);
    expect(reply.body).toBe('added 1');
  });

  it('infers handler argument types from the declaration', () => {
    const description = { 'zh-CN': 'x', en: 'x' };
    const spec = {
      n: { type: 'integer', min: 0, max: 9, required: true, description },
      c: { type: 'choice', choices: ['a', 'b'], description },
      s: { type: 'string', description },
    } as const;
    type A = ArgsOf<typeof spec>;
    expectTypeOf<A['n']>().toEqualTypeOf<number>();
    expectTypeOf<A['c']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<A['s']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<{ n: 1 }>().toExtend<A>();
    expectTypeOf<{ c: 'a' }>().not.toExtend<A>();
  });
});

describe('/help', () => {
  it('is generated from the definitions: every command, its usage and description, 🔒 for admins', async () => {
    const zhHelp = (await text('/help')).body ?? '';
    const enHelp = (await text('/help', origin({ locale: 'en' }))).body ?? '';
    expect(zhHelp).toContain('`/args <count> [level] [category] [note]`: 参数回显（测试用）');
    expect(zhHelp).toContain('`/group add <n>` · `/group list`: 子命令（测试用）');
    expect(zhHelp).toContain('`/purge` 🔒: 清空（测试用，仅管理员）');
    expect(enHelp).toContain('`/purge` 🔒: Purge (test, admins only)');
    expect(enHelp).not.toMatch(/\p{Script=Han}/u);
  });

  it('lists every real command with its zh-CN and en description', async () => {
    const zhReply = await real.invokeText('/help', member);
    const enReply = await real.invokeText('/help', origin({ locale: 'en' }));
    expect(zhReply?.title).toBe(zh('help.title'));
    expect(enReply?.title).toBe(en('help.title'));
    expect(real.commands.map((c) => c.name)).toEqual(
      expect.arrayContaining(['help', 'search', 'show', 'topics', 'quiz', 'daily']),
    );
    for (const c of real.commands) {
      expect(zhReply?.body).toContain(`/${c.name}`);
      expect(zhReply?.body).toContain(c.description['zh-CN']);
      expect(enReply?.body).toContain(c.description.en);
      for (const sub of Object.keys(c.subcommands ?? {}))
        expect(zhReply?.body).toContain(`/${c.name} ${sub}`);
    }
  });

  it('every command name is lowercase Latin and descriptions exist in both languages', () => {
    for (const c of real.commands) {
      expect(c.name).toMatch(/^[a-z][a-z0-9_-]{0,31}$/);
      expect(c.description['zh-CN'].trim()).not.toBe('');
      expect(c.description.en.trim()).not.toBe('');
    }
  });
});
