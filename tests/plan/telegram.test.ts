/**
 * /plan on Telegram, through the real grammY bot against the fake server: in a group nobody sees the
 * interview date or the load (a link opens them in the private chat); in the private chat they show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/features/daily/time.ts';
import type { ApiCall } from '../fakes/telegram.ts';
import { checkTelegramHtml } from '../fakes/telegram-html.ts';
import { ADA, GROUP, type Harness, privateChat, startHarness, textMessage } from '../telegram/harness.ts';

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

describe('/plan on Telegram', () => {
  it('keeps the plan out of the group and shows it in the private chat', async () => {
    const date = localDate(Date.now() + 20 * 86_400_000, 'Asia/Shanghai');
    const inGroup = await h.ask(textMessage(`/plan@dlkb_test_bot ${date} ml`, GROUP, ADA));
    expect(inGroup.payload.chat_id).toBe(GROUP.id);
    const shown = textOf(inGroup);
    expect(shown).not.toContain(date);
    expect(shown).not.toMatch(/还有 \d+ 天|面试计划/);
    const link = urls(inGroup).find((u) => u.startsWith('https://t.me/dlkb_test_bot?start='));
    expect(link).toBeDefined();
    // The plan was set all the same; the link shows it privately.
    const payload = new URL(link ?? '').searchParams.get('start') ?? '';
    const dm = await h.ask(textMessage(`/start ${payload}`, privateChat(ADA), ADA));
    expect(dm.payload.chat_id).toBe(ADA.id);
    expect(textOf(dm)).toMatch(/面试计划 · 还有 20 天 · 今天 0 道到期 \+ 1 道新题 · 已覆盖 0\/9/);
    expect(textOf(dm)).toContain(date);

    const direct = await h.ask(textMessage('/plan', privateChat(ADA), ADA));
    expect(textOf(direct)).toContain(`面试日期 ${date}`);
  });
});
