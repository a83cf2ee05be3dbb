/** Test-only commands through the real grammY bot: admin access, a throwing handler, a very long reply. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTelegramHtml } from '../fakes/telegram-html.ts';
import {
  ADA,
  BOB,
  CHANNEL,
  channelPost,
  FIXTURES,
  GROUP,
  type Harness,
  memberUpdate,
  privateChat,
  startHarness,
  textMessage,
} from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ commandsDir: `${FIXTURES}commands/` });
});
afterAll(async () => {
  await h.stop();
});

const text = (call: { payload: Record<string, unknown> }) => {
  const check = checkTelegramHtml(String(call.payload.text));
  if (!check.ok) throw new Error(check.error);
  return check.text;
};

describe('an admin-only command', () => {
  it('is refused for a plain member of a group, checked with getChatMember', async () => {
    const since = h.fake.calls.length;
    const call = await h.ask(textMessage('/purge', GROUP, BOB));
    expect(text(call)).toBe('Only the admins of this group or server can use this command.');
    const member = h.fake.calls.slice(since).find((c) => c.method === 'getChatMember');
    expect(member?.payload).toMatchObject({ chat_id: GROUP.id, user_id: BOB.id });
  });

  it('runs for a group administrator, the creator, an anonymous admin, in private and in a channel', async () => {
    h.fake.setMember(GROUP.id, ADA.id, 'administrator');
    expect(text(await h.ask(textMessage(`/purge@${h.fake.botInfo.username}`, GROUP, ADA)))).toBe('purged');
    h.fake.setMember(GROUP.id, BOB.id, 'creator');
    // Bob was refused as a member above: the update of his promotion drops that cached status.
    h.fake.pushUpdate(memberUpdate(GROUP, BOB, 'creator'));
    expect(text(await h.ask(textMessage('/purge', GROUP, BOB)))).toBe('purged');
    const anonymous = textMessage('/purge', GROUP, { id: 1087968824, is_bot: true, first_name: 'Group' });
    Object.assign(anonymous.message ?? {}, { sender_chat: GROUP });
    expect(text(await h.ask(anonymous))).toBe('purged');
    expect(text(await h.ask(textMessage('/purge', privateChat(BOB), BOB)))).toBe('purged');
    expect(text(await h.ask(channelPost('/purge', CHANNEL)))).toBe('purged');
  });

  it('is not looked up for commands open to everyone', async () => {
    const since = h.fake.calls.length;
    await h.ask(textMessage('/peek', GROUP, BOB));
    expect(h.fake.calls.slice(since).some((c) => c.method === 'getChatMember')).toBe(false);
  });
});

describe('a handler that throws', () => {
  it('gets the apology and the bot keeps serving', async () => {
    expect(text(await h.ask(textMessage('/boom', privateChat(ADA))))).toBe(
      '抱歉，出了点问题，已记录下来。请稍后再试。',
    );
    expect(h.logs.some((l) => l.includes('kaboom'))).toBe(true);
    expect(text(await h.ask(textMessage('/purge', privateChat(ADA))))).toBe('purged');
  });
});

describe('a reply over 4096 characters', () => {
  it('is split into valid HTML messages at block boundaries, in order, nothing lost', async () => {
    const since = h.fake.calls.length;
    h.fake.pushUpdate(textMessage('/long', GROUP));
    await h.fake.waitFor('sendMessage', {
      since,
      where: (c) => String(c.payload.text).endsWith('<i>footer</i>'),
    });
    const parts = h.fake.calls.slice(since).filter((c) => c.method === 'sendMessage');
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) {
      expect(part.ok, part.failure?.description).toBe(true);
      expect(String(part.payload.text).length).toBeLessThanOrEqual(4096);
    }
    expect(parts[0]?.payload.reply_parameters).toBeDefined();
    expect(parts.slice(1).every((p) => p.payload.reply_parameters === undefined)).toBe(true);
    const all = parts.map(text).join('\n');
    expect(all.startsWith('Long <reply>')).toBe(true);
    for (let i = 0; i < 12; i++) expect(all).toContain(`Paragraph ${i}: bold <${i}> & italic a<b`);
    for (let i = 0; i < 150; i++) expect(all).toContain(`x_${i} = a < b && c > d  # line ${i}`);
    expect(all.indexOf('Paragraph 11')).toBeLessThan(all.indexOf('x_0 ='));
    // The code block cut across messages is reopened with its language in each part.
    const codeParts = parts.filter((p) => String(p.payload.text).includes('x_'));
    expect(codeParts.length).toBeGreaterThanOrEqual(2);
    for (const p of codeParts)
      expect(String(p.payload.text)).toContain('<pre><code class="language-python">');
  });
});
