import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runChat } from '../../src/adapters/terminal/chat.ts';
import type { Entry } from '../../src/features/knowledge/schema.ts';
import { translator } from '../../src/kernel/i18n.ts';
import type { Router } from '../../src/kernel/router.ts';
import { seeded } from '../core/helpers.ts';
import {
  answers,
  CONTROL,
  chatOutput,
  chatRouter,
  expectReferences,
  SGR,
  shownId,
  unstyle,
} from './harness.ts';

// What the terminal shows: the message as text (its Markdown escapes rendered away).
const zh = translator('zh-CN').plain;
const en = translator('en');

let router: Router;
beforeAll(async () => {
  router = await chatRouter({ random: seeded(7) });
});

const entry = (id: string): Entry => {
  const e = router.services.kb.get(id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};

describe('mistakes get a friendly answer', () => {
  it('a number with no such button, before and after a reply with buttons', async () => {
    const [none, , nine, zero, one] = await answers(router, ['1', '/search 交叉熵', '9', '0', '1']);
    expect(none).toBe(zh('common.noSuchButton', { number: '1' }));
    expect(nine).toBe(zh('common.noSuchButton', { number: '9' }));
    expect(zero).toBe(zh('common.noSuchButton', { number: '0' }));
    // The buttons of the last reply that had some stay pressable.
    expect(one).toContain('/show ce-loss-code');
  });

  it('a reply without buttons leaves the previous buttons pressable', async () => {
    const [, error, card] = await answers(router, ['/search 交叉熵', '/show nope', '2']);
    expect(error).toBe(zh('common.unknownEntry', { id: 'nope' }));
    expect(card).toMatch(/\/show [a-z0-9-]+/);
  });

  it('an unknown command, and a slash line that is no command name', async () => {
    const replies = await answers(router, ['/nope', '/交叉熵', '/nope!', '/']);
    expect(replies).toEqual([
      zh('common.unknownCommand', { name: 'nope' }),
      zh('common.unknownCommand', { name: '交叉熵' }),
      zh('common.unknownCommand', { name: 'nope!' }),
      zh('common.unknownCommand', { name: '' }),
    ]);
  });

  it('bad arguments say what is accepted', async () => {
    const categories = router.services.kb.categories.map((c) => c.id).join(', ');
    const replies = await answers(router, [
      '/quiz bogus',
      '/quiz hard bogus',
      '/quiz bogus1 bogus2',
      '/show nope',
      '/show',
      '/topics nope',
      '/search',
      '/search 🙂',
    ]);
    expect(replies).toEqual([
      zh('common.badChoice', { option: 'category', value: 'bogus', accepted: categories }),
      zh('common.badChoice', { option: 'category', value: 'bogus', accepted: categories }),
      zh('common.tooManyArgs', { extra: 'bogus1 bogus2', usage: '/quiz [category] [difficulty] [mode]' }),
      zh('common.unknownEntry', { id: 'nope' }),
      zh('common.missingOption', { option: 'id', usage: '/show <id>' }),
      zh('common.badChoice', { option: 'category', value: 'nope', accepted: categories }),
      zh('common.missingOption', { option: 'query', usage: '/search <query> [category]' }),
      zh('search.queryNoWords'),
    ]);
  });

  it('/exit, exit, quit and /QUIT end the chat; nothing after them is answered', async () => {
    for (const exit of ['/exit', 'exit', 'quit', '/QUIT']) {
      const out = await chatOutput(router, ['/help', exit, '/topics']);
      expect(out).toContain(zh('help.title'));
      expect(out).not.toContain(zh('topics.footer'));
    }
  });

  it('/exit ends the chat even while the input stays open (a terminal)', async () => {
    const input = new PassThrough();
    const out = new PassThrough();
    const done = runChat(router, { input, output: out, locale: 'zh-CN' });
    input.write('/exit\n');
    // Resolves without end of input (a hang fails by timeout).
    await done;
    input.destroy();
    out.destroy();
  });

  it('empty lines and surrounding spaces are ignored', async () => {
    const out = await chatOutput(router, ['', '   ', '  /topics  ', '']);
    expect(out.startsWith(zh('topics.title'))).toBe(true);
    expect(out.split(zh('topics.footer')).length).toBe(2);
  });
});

describe('English and styles', () => {
  it('speaks English for an en locale', async () => {
    const categories = router.services.kb.categories.map((c) => c.id).join(', ');
    const [help, quiz, answer, bad, none] = await answers(
      router,
      ['/help', '/quiz', '1', '/quiz bogus', '9'],
      'en',
    );
    expect(help).toContain(en('help.title'));
    expect(quiz).toMatch(/^Quiz · [A-Za-z&+ ]+\n/);
    expect(
      quiz?.endsWith(
        `[1] ${en('common.revealAnswer')}  [2] ${en('common.nextQuestion')}  [3] ${en('quiz.choice')}`,
      ),
    ).toBe(true);
    expectReferences(answer, entry(shownId(quiz ?? '')), en('common.references'));
    expect(bad).toBe(en('common.badChoice', { option: 'category', value: 'bogus', accepted: categories }));
    expect(none).toBe(en('common.noSuchButton', { number: '9' }));
  });

  it('ANSI styles and the prompt only when interactive', async () => {
    const plain = await chatOutput(router, ['/show ce-loss-code']);
    expect(plain).not.toContain('\x1b');
    expect(plain).not.toContain('dlkb> ');
    expect(plain.startsWith(entry('ce-loss-code').question)).toBe(true);

    const styled = await chatOutput(router, ['/show ce-loss-code'], { interactive: true });
    expect(styled).toContain(`\x1b[1m${entry('ce-loss-code').question}\x1b[22m`);
    expect(styled).toContain('dlkb> ');
    expect(styled.startsWith(`dlkb · ${zh('help.tip')}`)).toBe(true);
  });

  it('decides from the output: a TTY gets styles, a pipe does not, unless told', async () => {
    expect(await chatOutput(router, ['/help'], { tty: true })).toMatch(SGR);
    expect(await chatOutput(router, ['/help'], { tty: true, interactive: false })).not.toContain('\x1b');
    expect(await chatOutput(router, ['/help'], { tty: false })).not.toContain('\x1b');
  });

  it('control and escape characters typed in never reach the output', async () => {
    const evil = [
      '/search \x1b[31mred\x1b[0m\x07',
      '/show \x1b]0;pwned\x07',
      '/quiz \x1b[2J',
      '\u009b31m交叉熵\u0007',
      '/topics \x1b[1;1H\x1b[2Kcategory',
      '/nope\x1b[0m',
      '\x1bP+q\x1b\\',
    ];
    for (const interactive of [false, true]) {
      const out = unstyle(await chatOutput(router, evil, { interactive }));
      expect(out).not.toMatch(CONTROL);
      expect(out).toContain('red');
    }
  });
});
