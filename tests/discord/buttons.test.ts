import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '../../src/kernel/i18n.ts';
import type { Json } from '../fakes/discord.ts';
import { customIds, embedOf, type Harness, messageBodies, startHarness } from './harness.ts';
import { press, type Where } from './payloads.ts';

describe('discord buttons', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fixtures: true });
  });
  afterAll(async () => {
    for (const body of messageBodies(h.fake.requests)) expect(body.allowed_mentions).toEqual({ parse: [] });
    await h.close();
  });

  /** Presses a button on a message of the bot; resolves to the callback type and its message data. */
  const click = async (customId: string, where: Where = {}) => {
    const onMessage = h.fake.message('600000000000000001', { embeds: [{ title: 'before' }] });
    const callback = await h.fake.interact(press(h.fake.applicationId, customId, onMessage, where));
    const body = callback.body as { type: number; data?: Json };
    return { type: body.type, data: body.data ?? {} };
  };
  const entry = () => {
    const e = h.router.services.kb.entries[2];
    if (!e) throw new Error('empty knowledge base');
    return e;
  };

  it('show:card opens the question card as a new message', async () => {
    const { type, data } = await click(`show:card:${entry().id}`);
    expect(type).toBe(4);
    expect(embedOf(data).title).toBe(entry().question);
    expect(customIds(data)).toEqual([[`show:ans:${entry().id}`]]);
  });

  it('show:ans reveals the answer with numbered reference links', async () => {
    const { type, data } = await click(`show:ans:${entry().id}`);
    expect(type).toBe(4);
    const embed = embedOf(data);
    expect(String(embed.description)).toContain('- ');
    const fields = (embed.fields as { name: string; value: string }[] | undefined) ?? [];
    if (entry().references.length > 0) {
      expect(fields[0]?.name).toBe(message('zh-CN', 'common.references'));
      expect(fields[0]?.value).toMatch(/^1\. \[.+\]\(https?:\/\/.+\)/);
    }
    expect(String((embed.footer as Json).text)).toContain(entry().id);
  });

  it('quiz:ans reveals the answer and keeps the filters for the next question', async () => {
    const category = entry().category;
    const { type, data } = await click(`quiz:ans:${entry().id}:${category}:_`);
    expect(type).toBe(4);
    const id = entry().id;
    expect(customIds(data)).toEqual([
      [`quiz:next:${category}:_`],
      [`show:fq:${id}.${entry().followups?.[0]?.id}`],
      [1, 2, 3, 4].map((grade) => `review:rate:${id}:${grade}`),
      [`!review:pts:${id}`, `!report:new:${id}`],
    ]);
  });

  it('quiz:next asks another question of the same filters', async () => {
    const category = entry().category;
    const { type, data } = await click(`quiz:next:${category}:_`);
    expect(type).toBe(4);
    expect(customIds(data).flat()).toContain(`quiz:next:${category}:_`);
  });

  it('topics:list pages through a category by editing the message in place', async () => {
    const category = entry().category;
    const { type, data } = await click(`topics:list:${category}:1`);
    expect(type).toBe(7);
    expect(data.flags).toBeUndefined();
    expect(String(embedOf(data).description)).toMatch(/^1\. /);
    expect(customIds(data).flat()).toEqual(expect.arrayContaining([expect.stringMatching(/^show:card:/)]));
  });

  it('answers a forged or stale custom_id with a friendly ephemeral message', async () => {
    for (const forged of [
      'show:ans:no-such-entry',
      'nope:x:y',
      'x'.repeat(100),
      '!!',
      'show:card:../../etc',
    ]) {
      const { type, data } = await click(forged);
      expect(type, forged).toBe(4);
      expect(data.flags, forged).toBe(64);
      expect(data.embeds, forged).toBeDefined();
    }
    const { data } = await click('nope:x:y', { locale: 'en-US' });
    expect(embedOf(data).description).toBe(message('en', 'common.staleButton'));
  });

  it('answers a private button ephemerally, even when its reply would edit', async () => {
    const { type, data } = await click(`!topics:list:${entry().category}:1`);
    expect(type).toBe(4);
    expect(data.flags).toBe(64);
    const open = await click(`!show:card:${entry().id}`);
    expect(open.data.flags).toBe(64);
    expect(embedOf(open.data).title).toBe(entry().question);
  });

  it('works in a DM and after a restart: the custom_id carries everything', async () => {
    const { type, data } = await click(`show:card:${entry().id}`, { dm: true });
    expect(type).toBe(4);
    expect(embedOf(data).title).toBe(entry().question);
  });
});
