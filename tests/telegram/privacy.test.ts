/**
 * Privacy and spam in groups, through the real grammY bot: `/review` in a group shows nobody's queue
 * (it links to the private chat), and a button on one message posts its public reply once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../src/kernel/action.ts';
import type { ApiCall } from '../fakes/telegram.ts';
import { checkTelegramHtml } from '../fakes/telegram-html.ts';
import {
  ADA,
  BOB,
  callbackData,
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

function urls(call: ApiCall): string[] {
  const markup = call.payload.reply_markup as { inline_keyboard?: { url?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().flatMap((b) => (b.url ? [b.url] : []));
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('/review in a group', () => {
  it('does not show the member’s queue in the group; a link opens it in their private chat', async () => {
    const entry = h.router.services.kb.entries[0];
    if (!entry) throw new Error('no entries');
    // Ada rated a question earlier; it is due now.
    const rated = await h.ask(
      press(`review:rate:${entry.id}:1`, { message: undefined }, ADA),
      'answerCallbackQuery',
    );
    expect(rated.ok).toBe(true);
    h.router.services.now = () => new Date(Date.now() + 86_400_000);

    const inGroup = await h.ask(textMessage('/review@dlkb_test_bot', GROUP, ADA));
    expect(inGroup.payload.chat_id).toBe(GROUP.id);
    const shown = textOf(inGroup);
    expect(shown).not.toContain(entry.question);
    expect(shown).not.toMatch(/due|到期|复习队列/i);
    const link = urls(inGroup).find((u) => u.startsWith('https://t.me/dlkb_test_bot?start='));
    expect(link).toBeDefined();

    const payload = new URL(link ?? '').searchParams.get('start') ?? '';
    const dm = await h.ask(textMessage(`/start ${payload}`, privateChat(ADA), ADA));
    expect(dm.payload.chat_id).toBe(ADA.id);
    expect(textOf(dm)).toContain(entry.question);
  });
});

describe('one button, many presses in a group', () => {
  it('posts the answer into the group once; later presses are answered privately', async () => {
    const quiz = await h.ask(textMessage('/quiz', GROUP, ADA));
    const reveal = callbackData(quiz).find((d) => decodeAction(d)?.verb === 'ans') ?? '';
    const since = h.fake.calls.length;
    const pressers = [ADA, BOB, ADA, BOB, BOB];
    for (const who of pressers) h.fake.pushUpdate(press(reveal, { message: quiz.result }, who));
    await expect
      .poll(() => h.fake.calls.slice(since).filter((c) => c.method === 'answerCallbackQuery').length)
      .toBe(pressers.length);
    const sends = h.fake.calls.slice(since).filter((c) => c.method === 'sendMessage');
    expect(sends.filter((c) => c.payload.chat_id === GROUP.id)).toHaveLength(1);
    // The later presses got the answer in their private chats.
    expect(sends.filter((c) => c.payload.chat_id !== GROUP.id).map((c) => c.payload.chat_id)).toEqual([
      BOB.id,
      ADA.id,
      BOB.id,
      BOB.id,
    ]);
  });
});
