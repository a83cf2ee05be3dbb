/**
 * One learner across the three platforms, end to end: Ada reviews on Telegram (the real grammY bot
 * against the fake), links her Discord account with a code (the real discord.js client against the fake
 * Discord) and then her terminal; /stats on Discord shows the history she made on Telegram, and the
 * terminal lists all three accounts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../src/adapters/discord/index.ts';
import type { RunningAdapter } from '../../src/kernel/outbox.ts';
import { callbackData, embedOf, TOKEN } from '../discord/harness.ts';
import { slash } from '../discord/payloads.ts';
import { FakeDiscord, type Json } from '../fakes/discord.ts';
import { checkTelegramHtml } from '../fakes/telegram-html.ts';
import {
  ADA,
  GROUP,
  type Harness,
  press,
  privateChat,
  startHarness,
  textMessage,
} from '../telegram/harness.ts';
import { chatOutput } from '../terminal/harness.ts';

const DISCORD_ADA = { userId: '400000000000000042', dm: true };

let telegram: Harness;
let discord: FakeDiscord;
let adapter: RunningAdapter;
beforeAll(async () => {
  telegram = await startHarness();
  discord = await FakeDiscord.start();
  adapter = await startDiscord({
    router: telegram.router,
    token: TOKEN,
    apiUrl: discord.apiUrl,
    log: telegram.router.services.log,
  });
});
afterAll(async () => {
  await adapter.stop();
  await discord.close();
  await telegram.stop();
});

/** A slash command of Discord Ada's; its ephemeral reply's embed text. */
async function onDiscord(name: string, values: Record<string, string> = {}): Promise<string> {
  const data: Json = callbackData(
    await discord.interact(slash(discord.applicationId, name, values, DISCORD_ADA)),
  );
  expect(data.flags).toBe(64);
  const embed = embedOf(data);
  return `${embed.title ?? ''}\n${embed.description ?? ''}`;
}

/** The text of a Telegram message, checked as Telegram's HTML. */
async function onTelegram(line: string): Promise<string> {
  const call = await telegram.ask(textMessage(line, privateChat(ADA), ADA));
  const check = checkTelegramHtml(String(call.payload.text));
  if (!check.ok) throw new Error(check.error);
  return check.text;
}

const codeIn = (text: string) => /([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(text)?.[1] ?? '';

describe('one learner on Telegram, Discord and the terminal', () => {
  it('shows on Discord the reviews made on Telegram once the accounts are linked', async () => {
    const [first, second] = telegram.router.services.kb.entries;
    if (!first || !second) throw new Error('no entries');
    for (const id of [first.id, second.id]) {
      const rated = await telegram.ask(
        press(`review:rate:${id}:1`, { message: undefined }, ADA),
        'answerCallbackQuery',
      );
      expect(rated.ok).toBe(true);
    }
    // Before linking, Discord Ada is someone else: no streak, nothing to review.
    const before = await onDiscord('stats');
    expect(before).toContain('🔥 连续学习 0 天');
    expect(before).toContain('今天稍后到期 0 题');

    const code = codeIn(await onTelegram('/link'));
    expect(code).not.toBe('');
    const linked = await onDiscord('link', { code });
    expect(linked).toMatch(/关联成功/);
    expect(linked).toContain('- Telegram 1001');
    expect(linked).toContain('- Discord 400000000000000042（当前账号）');

    const after = await onDiscord('stats');
    expect(after).toContain('🔥 连续学习 1 天');
    expect(after).toContain('今天稍后到期 2 题');
    // The code worked once.
    expect(await onDiscord('link', { code })).toMatch(/已经用过了/);
  });

  it('never shows a code in a Telegram group: a button makes it in the private chat', async () => {
    const inGroup = await telegram.ask(textMessage('/link@dlkb_test_bot', GROUP, ADA));
    expect(inGroup.payload.chat_id).toBe(GROUP.id);
    expect(codeIn(String(inGroup.payload.text))).toBe('');
    const markup = inGroup.payload.reply_markup as { inline_keyboard?: { url?: string }[][] };
    const link = (markup.inline_keyboard ?? []).flat().find((b) => b.url?.includes('?start='))?.url ?? '';
    const payload = new URL(link).searchParams.get('start') ?? '';
    const dm = await telegram.ask(textMessage(`/start ${payload}`, privateChat(ADA), ADA));
    expect(dm.payload.chat_id).toBe(ADA.id);
    expect(codeIn(String(dm.payload.text))).not.toBe('');
  });

  it('links the terminal too: its code, typed on Discord, joins the same learner', async () => {
    const terminal = (lines: string[]) =>
      chatOutput(telegram.router, lines, { interactive: false, locale: 'en', userId: 'ada' });
    const code = codeIn(await terminal(['/link']));
    expect(await onDiscord('link', { code })).toMatch(/关联成功/);
    const status = await terminal(['/link status']);
    // The code's learner took the others in: the terminal's key is now the one the records are under.
    expect(status).toContain('• Terminal ada (this account)\n• Discord 400000000000000042\n• Telegram 1001');
    const stats = await terminal(['/stats']);
    expect(stats).toContain('Streak: 1 days');
  });
});
