/**
 * /export on Telegram through the real grammY bot: the files arrive as documents (multipart
 * sendDocument) in the person's private chat, byte for byte the exported content; from a group the
 * reply is a link to the private chat, and the files never reach the group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ankiDeck } from '../../src/features/export/anki.ts';
import { historyCsv } from '../../src/features/export/history-csv.ts';
import { DECK_FILE, HISTORY_FILE } from '../../src/features/export/reply.ts';
import { hasHistory } from '../../src/features/review/history.ts';
import { translator } from '../../src/kernel/i18n.ts';
import { fitFiles } from '../../src/kernel/reply-files.ts';
import {
  ADA,
  BOB,
  GROUP,
  type Harness,
  press,
  privateChat,
  startHarness,
  textMessage,
} from '../telegram/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

function startLink(call: { payload: Record<string, unknown> }): string | undefined {
  const markup = call.payload.reply_markup as { inline_keyboard?: { url?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().find((b) => b.url?.startsWith('https://t.me/'))?.url;
}

describe('/export on Telegram', () => {
  it('sends the Anki file and the review history as documents, bytes equal to the export', async () => {
    const entry = h.router.services.kb.entries[1];
    if (!entry) throw new Error('no entries');
    await h.ask(press(`review:rate:${entry.id}:3`, { message: undefined }, ADA), 'answerCallbackQuery');
    const since = h.fake.calls.length;
    await h.askMany(textMessage('/export', privateChat(ADA), ADA), 'sendDocument', 2);
    const uploads = h.fake.uploads(ADA.id);
    expect(uploads.map((u) => u.name)).toEqual([DECK_FILE, HISTORY_FILE]);
    expect(uploads[0]?.bytes.toString('utf8')).toBe(ankiDeck([entry]));
    const reviews = h.router.services.store.reviews;
    if (!hasHistory(reviews)) throw new Error('the store keeps no history');
    const csv = historyCsv(
      await reviews.records(`telegram:${ADA.id}`),
      (id) => h.router.services.kb.get(id)?.question ?? '',
    );
    expect(uploads[1]?.bytes.equals(Buffer.from(csv, 'utf8'))).toBe(true);
    // The message explaining the files comes first, in the person's chat.
    const calls = h.fake.calls
      .slice(since)
      .filter((c) => c.method === 'sendMessage' || c.method === 'sendDocument');
    expect(calls.map((c) => [c.method, Number(c.payload.chat_id)])).toEqual([
      ['sendMessage', ADA.id],
      ['sendDocument', ADA.id],
      ['sendDocument', ADA.id],
    ]);
  });

  it('from a group: only a link there; the link opens the private chat and the files arrive there', async () => {
    const inGroup = await h.ask(textMessage('/export@dlkb_test_bot', GROUP, BOB));
    expect(inGroup.payload.chat_id).toBe(GROUP.id);
    const link = startLink(inGroup);
    expect(link).toBeDefined();
    const payload = new URL(link ?? '').searchParams.get('start') ?? '';
    await h.ask(textMessage(`/start ${payload}`, privateChat(BOB), BOB), 'sendDocument');
    const uploads = h.fake.uploads(BOB.id);
    // Bob rated nothing: the whole knowledge base, no history.
    expect(uploads.map((u) => u.name)).toEqual([DECK_FILE]);
    expect(uploads[0]?.bytes.toString('utf8')).toBe(ankiDeck(h.router.services.kb.entries));
    expect(h.fake.uploads(GROUP.id)).toEqual([]);
  });

  it('a press of export:run in a group sends the files to the presser, never to the group', async () => {
    const before = h.fake.uploads(BOB.id).length;
    const msg = { message_id: 77, date: 0, chat: GROUP, text: 'x' };
    const since = h.fake.calls.length;
    await h.ask(press('export:run', { message: msg }, BOB), 'answerCallbackQuery');
    // Sent to the private chat (not as an alert, which would lose the files), then the press is answered.
    expect(h.fake.calls.slice(since).some((c) => c.method === 'sendDocument')).toBe(true);
    expect(h.fake.uploads(BOB.id).length).toBe(before + 1);
    expect(h.fake.uploads(GROUP.id)).toEqual([]);
  });

  it('a file over the upload limit becomes a clear message in both locales, and nothing is sent half', () => {
    const reply = { body: 'x', files: [{ name: 'a.txt', mime: 'text/plain', content: 'abcdef' }] };
    const limit = { perFile: 5, total: 100, count: 10 };
    const zh = fitFiles(reply, limit, translator('zh-CN'));
    const en = fitFiles(reply, limit, translator('en'));
    expect(zh.files).toBeUndefined();
    expect(zh.body).toContain('6 B');
    expect(zh.body).toContain('5 B');
    expect(en.body).toContain('this platform accepts files up to 5 B');
    expect(fitFiles(reply, { ...limit, perFile: 6 }, translator('en'))).toBe(reply);
  });
});
