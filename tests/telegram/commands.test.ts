/** Every command of commands/ through the real grammY bot: private chats, groups, channels, /start links. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPayloadForAction } from '../../src/adapters/telegram/deeplink.ts';
import { encodeAction } from '../../src/kernel/action.ts';
import { checkTelegramHtml } from '../fakes/telegram-html.ts';
import {
  ADA,
  BOB,
  CHANNEL,
  channelPost,
  GROUP,
  type Harness,
  privateChat,
  startHarness,
  textMessage,
} from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

/** Arguments that make each known command do its main job; a command added later runs without. */
function exampleArgs(name: string): string {
  const kb = h.router.services.kb;
  const examples: Record<string, string> = {
    search: '交叉熵',
    show: kb.entries[0]?.id ?? '',
    topics: kb.categories[0]?.id ?? '',
    quiz: kb.categories[0]?.id ?? '',
  };
  return examples[name] ?? '';
}

function textOf(call: { payload: Record<string, unknown> }): string {
  const check = checkTelegramHtml(String(call.payload.text));
  if (!check.ok) throw new Error(check.error);
  return check.text;
}

/** How a command's reply is sent: /mcq asks a native quiz poll, the others send messages. */
const sentBy = (name: string) => (name === 'mcq' ? 'sendPoll' : 'sendMessage');

describe('every command', () => {
  it('is published in the command menu in English and Chinese', () => {
    const calls = h.fake.callsOf('setMyCommands');
    const names = h.router.commands.map((c) => c.name).sort();
    const en = calls.find((c) => c.payload.language_code === undefined);
    const zh = calls.find((c) => c.payload.language_code === 'zh');
    const list = (c: typeof en) => (c?.payload.commands as { command: string; description: string }[]) ?? [];
    expect(
      list(en)
        .map((c) => c.command)
        .sort(),
    ).toEqual(names);
    const search = h.router.find('search');
    expect(list(zh).find((c) => c.command === 'search')?.description).toBe(search?.description['zh-CN']);
    expect(list(en).find((c) => c.command === 'search')?.description).toBe(search?.description.en);
  });

  it('answers each command in a private chat, with and without arguments', async () => {
    for (const command of h.router.commands) {
      for (const args of ['', exampleArgs(command.name)]) {
        const line = `/${command.name} ${args}`.trim();
        const call = await h.ask(textMessage(line, privateChat(ADA)), sentBy(command.name));
        expect(call.ok, `${line}: ${call.failure?.description}`).toBe(true);
        expect(call.payload.chat_id).toBe(ADA.id);
        if (call.method === 'sendMessage') {
          expect(call.payload.parse_mode).toBe('HTML');
          expect(textOf(call).length).toBeGreaterThan(0);
        }
        expect(call.payload.reply_parameters).toBeUndefined();
      }
    }
  });

  it('answers /cmd@botname in a group, as a reply to the command', async () => {
    for (const command of h.router.commands) {
      const line = `/${command.name}@${h.fake.botInfo.username} ${exampleArgs(command.name)}`.trim();
      const update = textMessage(line, GROUP);
      const call = await h.ask(update, sentBy(command.name));
      expect(call.ok, `${line}: ${call.failure?.description}`).toBe(true);
      expect(call.payload.chat_id).toBe(GROUP.id);
      expect(call.payload.reply_parameters).toMatchObject({ message_id: update.message?.message_id });
    }
  });

  it('quotes what a person typed as text, never as a link, in a group reply', async () => {
    const evil = '[Official answer key](https://evil.example/login)';
    for (const line of [`/topics@${h.fake.botInfo.username} ${evil}`, `/show ${evil}`, `/search ${evil} x`]) {
      const call = await h.ask(textMessage(line, GROUP));
      const html = String(call.payload.text);
      expect(html, line).not.toContain('<a ');
      expect(html, line).not.toContain('evil.example/login"');
      expect(textOf(call), line).toContain('answer key](https://evil.example/login)');
    }
  });

  it('ignores a command addressed to another bot in a group', async () => {
    const since = h.fake.calls.length;
    h.fake.pushUpdate(textMessage('/help@other_bot', GROUP));
    await h.ask(textMessage('/help', GROUP));
    expect(h.fake.callsOf('sendMessage').filter((c) => h.fake.calls.indexOf(c) >= since)).toHaveLength(1);
  });

  it('passes the arguments from the message to the command', async () => {
    const entry = h.router.services.kb.entries[3];
    const call = await h.ask(textMessage(`/show ${entry?.id}`, privateChat(ADA)));
    expect(textOf(call)).toContain(entry?.question);
  });

  it('answers in the sender language', async () => {
    const call = await h.ask(textMessage('/help', privateChat(BOB), BOB));
    expect(textOf(call)).toContain('Commands');
    const zh = await h.ask(textMessage('/help', privateChat(ADA)));
    expect(textOf(zh)).toContain('命令');
  });

  it('treats plain text in a private chat as a search, and an unknown command kindly', async () => {
    const search = await h.ask(textMessage('交叉熵', privateChat(ADA)));
    expect(textOf(search)).toContain('交叉熵');
    const unknown = await h.ask(textMessage('/nosuch', privateChat(ADA)));
    expect(textOf(unknown)).toContain('/nosuch');
  });

  it('answers a command posted in a channel', async () => {
    const call = await h.ask(channelPost(`/quiz@${h.fake.botInfo.username}`));
    expect(call.payload.chat_id).toBe(CHANNEL.id);
    expect(textOf(call)).toMatch(/随机一题/);
  });
});

describe('/start deep links', () => {
  it('opens an entry card from its id', async () => {
    const entry = h.router.services.kb.entries[5];
    const call = await h.ask(textMessage(`/start ${entry?.id}`, privateChat(ADA)));
    expect(textOf(call)).toContain(entry?.question);
  });

  it('presses an action from its payload', async () => {
    const entry = h.router.services.kb.entries[2];
    const payload = startPayloadForAction(encodeAction('show', 'ans', entry?.id));
    const call = await h.ask(textMessage(`/start ${payload}`, privateChat(ADA)));
    expect(textOf(call)).toContain(entry?.question);
    expect(String(call.payload.text)).toContain('<a href=');
  });

  it('shows the help for no payload or a malformed one, and a kind message for a forged action', async () => {
    expect(textOf(await h.ask(textMessage('/start', privateChat(ADA))))).toContain('/search');
    expect(textOf(await h.ask(textMessage('/start a_!!!forged', privateChat(ADA))))).toContain('/search');
    const forgedAction = `a_${Buffer.from('nope:x:y').toString('base64url')}`;
    expect(textOf(await h.ask(textMessage(`/start ${forgedAction}`, privateChat(ADA))))).toContain(
      '链接不能执行',
    );
    expect(textOf(await h.ask(textMessage('/start no-such-entry', privateChat(ADA))))).toContain(
      'no-such-entry',
    );
  });
});
