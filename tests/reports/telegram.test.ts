/**
 * Reports end to end on Telegram (the real grammY bot against the fake Bot API): the Report button under
 * a revealed answer in a group opens the private chat, which gives the exact /report line; the report
 * is thanked in the group with nothing else, and forwarded to DLKB_REPORTS_CHAT with hostile text inert.
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

  it('shows a 纠错 button under a revealed answer that opens the private chat with the /report line', async () => {
    const card = await h.ask(textMessage('/show nms', GROUP));
    const answer = await h.ask(press('show:ans:nms', { message: card.result }));
    const keyboard = (answer.payload.reply_markup as { inline_keyboard: { text: string; url?: string }[][] })
      .inline_keyboard;
    const report = keyboard.flat().find((b) => b.text === '纠错');
    const payload = startPayloadForAction('report:new:nms');
    expect(payload).not.toBeNull();
    expect(report?.url).toBe(`https://t.me/${h.fake.botInfo.username}?start=${payload}`);
    const usage = await h.ask(textMessage(`/start ${payload}`, privateChat(ADA)));
    expect(usage.payload.chat_id).toBe(ADA.id);
    expect(String(usage.payload.text)).toContain('/report nms ');
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
      '&lt;b&gt;bold&lt;/b&gt; &lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; @everyone  [31mred [0m',
    );
    expect(html).not.toContain('<a href="https://evil.example"');
    expect(html).not.toContain('\u001b');
    expect(h.router.services.reports.get(1)?.text).toBe(HOSTILE);
    expect(h.logs.join('')).not.toContain('evil.example');
  });
});
