/**
 * /export on Discord through the real discord.js client: the files are attachments of the ephemeral
 * reply (multipart interaction callback, or the edit of a deferred reply), byte for byte the export;
 * over Discord's upload limit the reply says so in the person's language and attaches nothing.
 */
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_UPLOAD_LIMIT } from '../../src/adapters/discord/limits.ts';
import { renderReply } from '../../src/adapters/discord/render.ts';
import { ankiDeck } from '../../src/features/export/anki.ts';
import { DECK_FILE } from '../../src/features/export/reply.ts';
import { translator } from '../../src/kernel/i18n.ts';
import { callbackData, embedOf, type Harness, startHarness } from '../discord/harness.ts';
import { CHANNEL_ID, press, slash } from '../discord/payloads.ts';

describe('/export on Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('attaches the files to the reply of a press of export:run', async () => {
    const message = h.fake.message(CHANNEL_ID, {});
    const request = await h.fake.interact(press(h.fake.applicationId, 'export:run', message));
    expect(Number(callbackData(request).flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(request.files?.map((f) => f.name)).toEqual([DECK_FILE]);
  });

  it('attaches the Anki file to the ephemeral reply, bytes equal to the export', async () => {
    const request = await h.fake.interact(slash(h.fake.applicationId, 'export', {}, { locale: 'en-US' }));
    const data = callbackData(request);
    expect(Number(data.flags) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(String(embedOf(data).description)).toContain('whole knowledge base');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(request.files?.map((f) => f.name)).toEqual([DECK_FILE]);
    expect(request.files?.[0]?.bytes.toString('utf8')).toBe(ankiDeck(h.router.services.kb.entries));
    expect(data.attachments).toEqual([{ id: '0' }]);
  });
});

describe('Discord upload limit', () => {
  const colour = () => 0;
  const big = 'x'.repeat(DISCORD_UPLOAD_LIMIT.perFile + 1);
  const reply = {
    title: 'Export',
    body: 'ok',
    files: [{ name: 'deck.txt', mime: 'text/plain', content: big }],
  };

  it('a file over it is not attached; the embed says so, in both locales', () => {
    const en = renderReply(reply, { t: translator('en'), colour });
    const zh = renderReply(reply, { t: translator('zh-CN'), colour });
    expect(en.files).toBeUndefined();
    expect(zh.files).toBeUndefined();
    expect(en.embeds[0]?.description).toContain('10.0 MB');
    expect(en.embeds[0]?.description).toContain('accepts files up to');
    expect(zh.embeds[0]?.description).toContain('这个平台最多接收 10.0 MB');
  });

  it('a file at the limit is attached', () => {
    const fits = { ...reply, files: [{ ...reply.files[0], content: big.slice(1) }] } as typeof reply;
    expect(renderReply(fits, { t: translator('en'), colour }).files?.[0]?.attachment.length).toBe(
      DISCORD_UPLOAD_LIMIT.perFile,
    );
  });
});
