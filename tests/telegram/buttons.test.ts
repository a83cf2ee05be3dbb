/** Button presses through the real grammY bot: every verb of commands/, forged data, private replies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStartPayload } from '../../src/adapters/telegram/deeplink.ts';
import { decodeAction } from '../../src/kernel/action.ts';
import type { ApiCall } from '../fakes/telegram.ts';
import { checkTelegramHtml } from '../fakes/telegram-html.ts';
import {
  ADA,
  BOB,
  CHANNEL,
  callbackData,
  channelPost,
  FIXTURES,
  GROUP,
  type Harness,
  press,
  privateChat,
  startHarness,
  textMessage,
} from './harness.ts';

function textOf(call: ApiCall): string {
  const check = checkTelegramHtml(String(call.payload.text));
  if (!check.ok) throw new Error(check.error);
  return check.text;
}

function button(call: ApiCall, verb: string): string {
  const data = callbackData(call).find((d) => decodeAction(d)?.verb === verb);
  if (!data) throw new Error(`no ${verb} button in ${JSON.stringify(call.payload.reply_markup)}`);
  return data;
}

describe('buttons of commands/', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  /** Presses a button of a sent message and resolves to the answerCallbackQuery and the reply. */
  async function pressOn(message: ApiCall, data: string, method = 'sendMessage') {
    const since = h.fake.calls.length;
    h.fake.pushUpdate(press(data, { message: message.result }));
    const reply = await h.fake.waitFor(method, { since });
    const answer = await h.fake.waitFor('answerCallbackQuery', { since });
    return { reply, answer };
  }

  it('show:card from search hits, then show:ans reveals the answer with numbered references', async () => {
    const results = await h.ask(textMessage('/search 交叉熵', privateChat(ADA)));
    const card = await pressOn(results, button(results, 'card'));
    const id = decodeAction(button(results, 'card'))?.args[0] ?? '';
    const entry = h.router.services.kb.get(id);
    expect(textOf(card.reply)).toContain(entry?.question);
    expect(card.answer.payload.text).toBeUndefined();
    const answer = await pressOn(card.reply, button(card.reply, 'ans'));
    expect(textOf(answer.reply)).toContain(entry?.question);
    const refs = entry?.references.length ?? 0;
    if (refs > 0) expect(String(answer.reply.payload.text)).toMatch(/\n1\. <a href="https?:/);
  });

  it('quiz:ans reveals the answer and quiz:next asks again, keeping the filters', async () => {
    const category = h.router.services.kb.categories[1]?.id ?? '';
    const quiz = await h.ask(textMessage(`/quiz ${category}`, GROUP));
    const reveal = await pressOn(quiz, button(quiz, 'ans'));
    expect(reveal.reply.payload.chat_id).toBe(GROUP.id);
    expect(textOf(reveal.reply).length).toBeGreaterThan(50);
    const next = await pressOn(reveal.reply, button(reveal.reply, 'next'));
    expect(textOf(next.reply)).toMatch(/随机一题/);
    expect(decodeAction(button(next.reply, 'next'))?.args[0]).toBe(category);
  });

  it('topics:list edits the message in place and pages on', async () => {
    const kb = h.router.services.kb;
    const biggest = [...kb.categories].sort(
      (a, b) => kb.inCategory(b.id).length - kb.inCategory(a.id).length,
    )[0];
    expect(kb.inCategory(biggest?.id ?? '').length).toBeGreaterThan(10);
    const topics = await h.ask(textMessage('/topics', privateChat(ADA)));
    const first = callbackData(topics).find((d) => d === `topics:list:${biggest?.id}:1`) ?? '';
    const list = await pressOn(topics, first, 'editMessageText');
    expect(list.reply.payload.message_id).toBe((topics.result as { message_id: number }).message_id);
    expect(list.reply.payload.chat_id).toBe(ADA.id);
    expect(textOf(list.reply)).toContain('1/');
    const nextPage = callbackData(list.reply).find((d) => d === `topics:list:${biggest?.id}:2`) ?? '';
    const page2 = await pressOn({ ...list.reply, result: topics.result }, nextPage, 'editMessageText');
    expect(textOf(page2.reply)).toContain('2/');
    expect(callbackData(page2.reply)).toContain(`topics:list:${biggest?.id}:1`);
  });

  it('sends the page as a new message when the message to edit is gone', async () => {
    const topics = await h.ask(textMessage('/topics', privateChat(ADA)));
    h.fake.failNext('editMessageText', {
      error_code: 400,
      description: 'Bad Request: message to edit not found',
    });
    const { reply, answer } = await pressOn(topics, button(topics, 'list'));
    expect(reply.payload.chat_id).toBe(ADA.id);
    expect(callbackData(reply).some((d) => d.startsWith('show:card:'))).toBe(true);
    expect(answer.ok).toBe(true);
  });

  it('answers forged and stale callback data kindly, and always answers the query', async () => {
    const topics = await h.ask(textMessage('/help', privateChat(ADA)));
    for (const data of ['nope:x', 'show:ans:no-such-entry', 'garbage\u0000<b>', 'x'.repeat(64)]) {
      const { reply, answer } = await pressOn(topics, data);
      expect(textOf(reply)).toMatch(/失效|找不到/);
      expect(answer.ok).toBe(true);
    }
  });

  it('answers a forged press in a group with an alert, not a group message', async () => {
    const help = await h.ask(textMessage('/help', GROUP));
    const since = h.fake.calls.length;
    h.fake.pushUpdate(press('nope:x', { message: help.result }, BOB));
    const answer = await h.fake.waitFor('answerCallbackQuery', { since });
    expect(answer.payload.show_alert).toBe(true);
    expect(String(answer.payload.text)).toMatch(/expired/);
    expect(h.fake.calls.slice(since).some((c) => c.method === 'sendMessage')).toBe(false);
  });
});

describe('private replies to presses', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ commandsDir: `${FIXTURES}commands/` });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('renders a private action button as a start link outside private chats, a link button as url', async () => {
    const group = await h.ask(textMessage('/peek', GROUP));
    const buttons = (group.payload.reply_markup as { inline_keyboard: Record<string, string>[][] })
      .inline_keyboard[0];
    const secret = buttons?.find((b) => b.text === 'secret');
    const payload = /^https:\/\/t\.me\/dlkb_test_bot\?start=(.+)$/.exec(secret?.url ?? '')?.[1] ?? '';
    expect(parseStartPayload(payload)).toEqual({ action: 'peek:short' });
    expect(buttons?.find((b) => b.text === 'site')?.url).toBe('https://example.com/a?b=1&c=2');
    const dm = await h.ask(textMessage('/peek', privateChat(ADA)));
    expect(callbackData(dm)).toContain('peek:short');
  });

  it('shows a short private reply as an alert to the presser only', async () => {
    const group = await h.ask(textMessage('/peek', GROUP));
    const since = h.fake.calls.length;
    h.fake.pushUpdate(press('peek:short', { message: group.result }));
    const answer = await h.fake.waitFor('answerCallbackQuery', { since });
    expect(answer.payload).toMatchObject({ text: 'only you see this', show_alert: true });
    expect(h.fake.calls.slice(since).some((c) => c.method === 'sendMessage')).toBe(false);
  });

  it('sends a long private reply in the private chat with the presser', async () => {
    const group = await h.ask(textMessage('/peek', GROUP));
    const since = h.fake.calls.length;
    h.fake.pushUpdate(press('peek:long', { message: group.result }, BOB));
    const sent = await h.fake.waitFor('sendMessage', { since });
    expect(sent.payload.chat_id).toBe(BOB.id);
    const answer = await h.fake.waitFor('answerCallbackQuery', { since });
    expect(answer.payload.text).toBe('Sent to you in a private chat.');
  });

  it('answers with a start link when the presser never opened a private chat', async () => {
    const group = await h.ask(textMessage('/peek', GROUP));
    h.fake.failNext('sendMessage', {
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    const since = h.fake.calls.length;
    h.fake.pushUpdate(press('peek:long', { message: group.result }, BOB));
    const answer = await h.fake.waitFor('answerCallbackQuery', { since });
    const payload = /\?start=(.+)$/.exec(String(answer.payload.url))?.[1] ?? '';
    expect(parseStartPayload(payload)).toEqual({ action: 'peek:long' });
  });

  it('never posts into a channel for a subscriber press', async () => {
    const post = await h.ask(channelPost('/peek', CHANNEL));
    const since = h.fake.calls.length;
    h.fake.pushUpdate(press('peek:long', { message: post.result }, BOB));
    const sent = await h.fake.waitFor('sendMessage', { since });
    expect(sent.payload.chat_id).toBe(BOB.id);
  });
});
