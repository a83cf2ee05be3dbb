/**
 * Deep links (`t.me/<bot>?start=<payload>`) through the real grammY bot: a link anyone can craft does
 * not change anyone's state; a link the bot minted for one person's press works for that person only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../src/kernel/action.ts';
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

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const crafted = (action: string) => `a_${Buffer.from(action).toString('base64url')}`;

describe('deep links', () => {
  it('a crafted link cannot write a rating into the review queue of whoever presses Start', async () => {
    const id = h.router.services.kb.entries[0]?.id ?? '';
    const reply = await h.ask(
      textMessage(`/start ${crafted(encodeAction('review', 'rate', id, 1))}`, privateChat(BOB), BOB),
    );
    expect(reply.payload.chat_id).toBe(BOB.id);
    expect(textOf(reply)).not.toMatch(/Saved/);
    expect(textOf(reply)).toMatch(/link/i);
    expect(await h.router.services.store.reviews.get(`telegram:${BOB.id}`, id)).toBeUndefined();
  });

  it('a crafted link to a read-only action still opens it (old posts keep working)', async () => {
    const entry = h.router.services.kb.entries[1];
    const reply = await h.ask(
      textMessage(`/start ${crafted(encodeAction('show', 'ans', entry?.id))}`, privateChat(BOB), BOB),
    );
    expect(textOf(reply)).toContain(entry?.question);
  });

  it('the link minted for a rating press records it for that person only', async () => {
    const quiz = await h.ask(textMessage('/quiz', GROUP, ADA));
    const reveal = callbackData(quiz).find((d) => decodeAction(d)?.verb === 'ans') ?? '';
    const answer = await h.ask(press(reveal, { message: quiz.result }, ADA));
    await h.fake.waitFor('answerCallbackQuery', { since: h.fake.calls.indexOf(answer) });
    const rate = callbackData(answer).find((d) => decodeAction(d)?.verb === 'rate') ?? '';
    const entryId = decodeAction(rate)?.args[0] ?? '';
    // Bob never opened a private chat with the bot: the press answers with a start link.
    h.fake.failNext('sendMessage', {
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    const pressed = await h.ask(press(rate, { message: answer.result }, BOB), 'answerCallbackQuery');
    const payload = /\?start=(.+)$/.exec(String(pressed.payload.url))?.[1] ?? '';
    expect(payload).not.toBe('');

    // Someone else following Bob's link does not rate anything.
    const other = await h.ask(textMessage(`/start ${payload}`, privateChat(ADA), ADA));
    expect(textOf(other)).not.toMatch(/已记录|Saved/);
    expect(await h.router.services.store.reviews.get(`telegram:${ADA.id}`, entryId)).toBeUndefined();

    const own = await h.ask(textMessage(`/start ${payload}`, privateChat(BOB), BOB));
    expect(textOf(own)).toMatch(/Saved/);
    expect(await h.router.services.store.reviews.get(`telegram:${BOB.id}`, entryId)).toBeDefined();
  });
});
