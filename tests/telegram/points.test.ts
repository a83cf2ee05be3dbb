/**
 * Grading by key points through the real grammY bot: from a group answer, a start link opens the toggles in
 * the private chat; a toggle edits that message in place; Done replaces it with the rating.
 */
import type { InlineKeyboardMarkup } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStartPayload } from '../../src/adapters/telegram/deeplink.ts';
import type { ApiCall } from '../fakes/telegram.ts';
import {
  ADA,
  callbackData,
  GROUP,
  type Harness,
  press,
  privateChat,
  startHarness,
  textMessage,
} from './harness.ts';

function keyboard(call: ApiCall): InlineKeyboardMarkup['inline_keyboard'] {
  return (call.payload.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? [];
}

describe('telegram grading by key points', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  async function pressOn(message: ApiCall, data: string, method: string) {
    const since = h.fake.calls.length;
    h.fake.pushUpdate(press(data, { message: message.result }, ADA));
    const reply = await h.fake.waitFor(method, { since });
    await h.fake.waitFor('answerCallbackQuery', { since });
    return reply;
  }

  it('group answer → start link → private toggles that edit the message → Done rates', async () => {
    const card = await h.ask(textMessage('/show nms', GROUP));
    const answer = await pressOn(card, callbackData(card)[0] ?? '', 'sendMessage');
    expect(answer.payload.chat_id).toBe(GROUP.id);
    // In a group the grading button is a link to the private chat, so only the presser sees the toggles.
    const link = keyboard(answer)
      .flat()
      .find((b) => 'url' in b && b.text === '按要点自评');
    const payload = /\?start=(.+)$/.exec(link && 'url' in link ? link.url : '')?.[1] ?? '';
    expect(parseStartPayload(payload)).toEqual({ action: 'review:pts:nms' });

    const toggles = await h.ask(textMessage(`/start ${payload}`, privateChat(ADA), ADA));
    expect(toggles.payload.chat_id).toBe(ADA.id);
    const first = keyboard(toggles)[0]?.[0];
    expect(first?.text.startsWith('⬜')).toBe(true);
    expect(callbackData(toggles)).toContain('review:ptsok:nms:0');

    const edited = await pressOn(toggles, 'review:tick:nms:1', 'editMessageText');
    expect(edited.payload.chat_id).toBe(ADA.id);
    expect(edited.payload.message_id).toBe((toggles.result as { message_id: number }).message_id);
    expect(keyboard(edited)[0]?.[0]?.text.startsWith('✅')).toBe(true);
    expect(callbackData(edited)).toContain('review:tick:nms:0');
    expect(callbackData(edited)).toContain('review:ptsok:nms:1');

    const done = await pressOn(
      { ...edited, result: toggles.result },
      'review:ptsok:nms:1',
      'editMessageText',
    );
    expect(String(done.payload.text)).toContain('按要点自评：必答要点答出 1/');
    expect(callbackData(done)).toEqual(['review:next']);
    expect((await h.router.services.store.reviews.get(`telegram:${ADA.id}`, 'nms'))?.lastRating).toBe(1);
  });
});
