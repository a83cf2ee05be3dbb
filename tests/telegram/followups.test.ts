/**
 * Follow-up chains (追问) on Telegram through the real grammY bot: in a group, pressing 追问 under an
 * answer sends the follow-up to the presser's private chat (nothing posts into the group), and its
 * buttons there walk the chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../src/kernel/action.ts';
import { checkTelegramHtml } from '../fakes/telegram-html.ts';
import { ADA, callbackData, GROUP, type Harness, press, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('follow-ups on Telegram', () => {
  it('a press in a group answers in the private chat; the chain goes on there', async () => {
    const entry = h.router.services.kb.entries[0];
    const first = entry?.followups?.[0];
    if (!entry || !first) throw new Error('no follow-ups');
    const answer = await h.ask(
      press(`show:ans:${entry.id}`, { message: { message_id: 5, date: 0, chat: GROUP, text: 'q' } }, ADA),
    );
    expect(answer.payload.chat_id).toBe(GROUP.id);
    const ask = callbackData(answer).find((d) => decodeAction(d)?.verb === 'fq');
    expect(ask).toBe(`show:fq:${entry.id}.${first.id}`);

    const since = h.fake.calls.length;
    const asked = await h.ask(press(ask ?? '', { message: answer.result }, ADA));
    expect(asked.payload.chat_id).toBe(ADA.id);
    const text = checkTelegramHtml(String(asked.payload.text));
    expect(text.ok && text.text).toContain(first.q);
    expect(
      h.fake.calls.slice(since).filter((c) => c.method === 'sendMessage' && c.payload.chat_id === GROUP.id),
    ).toEqual([]);

    const reveal = callbackData(asked).find((d) => decodeAction(d)?.verb === 'fa') ?? '';
    const revealed = await h.ask(press(reveal, { message: asked.result }, ADA));
    expect(revealed.payload.chat_id).toBe(ADA.id);
    expect(callbackData(revealed)).toContain(`show:ans:${entry.id}`);
    expect(callbackData(revealed).some((d) => decodeAction(d)?.verb === 'fq')).toBe(true);
  });
});
