/**
 * Reports end to end on Telegram (the real grammY bot against the fake Bot API): the Report button under
 * a revealed answer in a group opens the private chat, which asks for the text with `force_reply`; the
 * person's reply to that prompt is the report (also after a restart: nothing is held in memory); a report
 * is thanked with nothing else, and forwarded to DLKB_REPORTS_CHAT with hostile text inert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPayloadForAction } from '../../src/adapters/telegram/deeplink.ts';
import { forwardReports } from '../../src/ops/reports.ts';
import {
  ADA,
  GROUP,
  type Harness,
  press,
  privateChat,
  startHarness,
  textMessage,
} from '../telegram/harness.ts';

const OPERATORS = '-1005550001';

/** The person's reply, in their private chat, to a message (`reply_to_message`). */
function replyTo(message: unknown, text: string) {
  const update = textMessage(text, privateChat(ADA));
  return { message: { ...update.message, reply_to_message: message } } as typeof update;
}
const HOSTILE = '<b>bold</b> <a href="https://evil.example">x</a> & @everyone \u001b[31mred\u001b[0m';

describe('reports on Telegram', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    forwardReports({ reportsChat: { platform: 'telegram', chatId: OPERATORS } }, h.router.services, [
      h.adapter,
    ]);
  });
  afterAll(async () => h.stop());

  it('shows a 纠错 button under a revealed answer that opens the private chat, which asks for the text', async () => {
    const card = await h.ask(textMessage('/show nms', GROUP));
    const answer = await h.ask(press('show:ans:nms', { message: card.result }));
    const keyboard = (answer.payload.reply_markup as { inline_keyboard: { text: string; url?: string }[][] })
      .inline_keyboard;
    const report = keyboard.flat().find((b) => b.text === '纠错');
    const payload = startPayloadForAction('report:new:nms');
    expect(payload).not.toBeNull();
    expect(report?.url).toBe(`https://t.me/${h.fake.botInfo.username}?start=${payload}`);
    const prompt = await h.ask(textMessage(`/start ${payload}`, privateChat(ADA)));
    expect(prompt.payload.chat_id).toBe(ADA.id);
    expect(prompt.payload.reply_markup).toEqual({
      force_reply: true,
      input_field_placeholder: '答案哪里有错？',
    });
    expect(String(prompt.payload.text)).toContain('↩ /report id=nms text=…');
  });

  it('fits the Report button of every entry into a start link', () => {
    const ids = h.router.services.kb.entries.map((e) => e.id);
    expect(ids.filter((id) => startPayloadForAction(`report:new:${id}`) === null)).toEqual([]);
  });

  it('thanks in the group and nothing else, and forwards the text escaped as HTML', async () => {
    const [a, b] = await h.askMany(textMessage(`/report nms ${HOSTILE}`, GROUP), 'sendMessage', 2);
    const calls = [a, b].map((c) => c?.payload ?? {});
    const thanks = calls.find((p) => String(p.chat_id) === String(GROUP.id));
    const forwarded = calls.find((p) => String(p.chat_id) === OPERATORS);
    expect(thanks?.text).toBe('谢谢！我们会看一下。');
    expect(thanks?.reply_markup).toBeUndefined();
    expect(forwarded?.parse_mode).toBe('HTML');
    const html = String(forwarded?.text);
    expect(html).toContain('纠错 #1 · nms');
    expect(html).toContain(
      '&lt;b&gt;bold&lt;/b&gt; &lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; @\u2060everyone  [31mred [0m',
    );
    expect(html).not.toContain('<a href="https://evil.example"');
    expect(html).not.toContain('\u001b');
    expect((await h.router.services.reports.get(1))?.text).toBe(HOSTILE);
    expect(h.logs.join('')).not.toContain('evil.example');
  });

  it('takes the reply to the prompt as the report, hostile text and all', async () => {
    // Another entry than the reports above (one person's reports on one entry in a day are merged).
    const id = h.router.services.kb.entries[2]?.id ?? '';
    const payload = startPayloadForAction(`report:new:${id}`) ?? '';
    const prompt = await h.ask(textMessage(`/start ${payload}`, privateChat(ADA)));
    const before = (await h.router.services.reports.list({})).length;
    const calls = await h.askMany(replyTo(prompt.result, `${HOSTILE} /report other x`), 'sendMessage', 2);
    const thanks = calls.find((c) => String(c.payload.chat_id) === String(ADA.id));
    expect(thanks?.payload.text).toBe('谢谢！我们会看一下。');
    const reports = await h.router.services.reports.list({});
    expect(reports).toHaveLength(before + 1);
    expect(reports.at(-1)).toMatchObject({ entryId: id, text: `${HOSTILE} /report other x` });
  });

  it('takes a reply to the prompt after a restart (the prompt carries the entry), and ignores other replies', async () => {
    const id = h.router.services.kb.entries[1]?.id ?? '';
    const payload = startPayloadForAction(`report:new:${id}`) ?? '';
    const prompt = await h.ask(textMessage(`/start ${payload}`, privateChat(ADA)));
    const other = await startHarness();
    try {
      const thanks = await other.ask(replyTo(prompt.result, 'the gradient sign is wrong'));
      expect(thanks.payload.text).toBe('谢谢！我们会看一下。');
      expect(await other.router.services.reports.list({})).toMatchObject([
        { entryId: id, text: 'the gradient sign is wrong' },
      ]);
      // A reply to a message of the person's own, or to a bot message without a prompt, is a search as before.
      const own = replyTo(
        { ...textMessage('↩ /report id=nms text=…', privateChat(ADA)).message, from: ADA },
        'x',
      );
      await other.ask(own);
      expect(await other.router.services.reports.list({})).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });
});
