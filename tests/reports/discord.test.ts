/**
 * Reports end to end on Discord (the real discord.js client against the fake gateway and REST API): the
 * Report button opens a modal with a text field (1,000 characters), whose submission files the report;
 * /report thanks ephemerally and nothing else; the report reaches the operators' channel with its text
 * shown, never a mention or markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardReports } from '../../src/ops/reports.ts';
import { callbackData, embedOf, type Harness, messageBodies, startHarness } from '../discord/harness.ts';
import { base, press, slash, type Where } from '../discord/payloads.ts';

/** A submitted modal: its custom_id and the value of its one text field. */
function modalSubmit(applicationId: string, customId: string, value: string, where: Where = {}): Json {
  return {
    ...base(applicationId, where),
    type: 5,
    data: {
      custom_id: customId,
      components: [{ type: 1, components: [{ type: 4, custom_id: 'text', value }] }],
    },
  };
}

import type { Json } from '../fakes/discord.ts';

const OPERATORS = '700000000000000077';
const HOSTILE = '@everyone <@&123456789012345678> **bold** [x](https://evil.example) \u001b[31mred';

describe('reports on Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    forwardReports({ reportsChat: { platform: 'discord', chatId: OPERATORS } }, h.router.services, [
      h.adapter,
    ]);
  });
  afterAll(async () => {
    // Every message the adapter sent disables mentions.
    for (const body of messageBodies(h.fake.requests)) expect(body.allowed_mentions).toEqual({ parse: [] });
    await h.close();
  });

  it('the Report button opens a modal whose text files the report, thanked only to the presser', async () => {
    const on = h.fake.message('600000000000000001', { embeds: [{ title: 'answer' }] });
    const callback = await h.fake.interact(press(h.fake.applicationId, '!report:new:nms', on));
    const body = callback.body as { type: number; data: Json };
    expect(body.type).toBe(9);
    expect(body.data).toMatchObject({
      custom_id: 'ask:["report","text",{"id":"nms"}]',
      title: '纠错：nms',
      components: [
        {
          type: 1,
          components: [{ type: 4, custom_id: 'text', label: '答案哪里有错？', style: 2, max_length: 1000 }],
        },
      ],
    });
    const submitted = await h.fake.interact(
      modalSubmit(h.fake.applicationId, String(body.data.custom_id), '第二点\n少了平方'),
    );
    const reply = submitted.body as { type: number; data: Json };
    expect(reply.type).toBe(4);
    expect(reply.data.flags).toBe(64);
    expect(embedOf(reply.data).description).toBe('谢谢！我们会看一下。');
    expect((await h.router.services.reports.list()).map((r) => [r.entryId, r.text, r.platform])).toEqual([
      ['nms', '第二点\n少了平方', 'discord'],
    ]);
    // A forged or foreign modal changes nothing.
    const forged = await h.fake.interact(modalSubmit(h.fake.applicationId, 'ask:{nope', 'x'));
    expect(String(embedOf((forged.body as { data: Json }).data).description)).toContain('按钮已失效');
    expect(await h.router.services.reports.list()).toHaveLength(1);
  });

  it('thanks ephemerally, and forwards the report with its text inert', async () => {
    const callback = await h.fake.interact(
      slash(
        h.fake.applicationId,
        'report',
        { id: 'nms', text: HOSTILE },
        { locale: 'en-US', userId: '400000000000000002' },
      ),
    );
    const data = callbackData(callback);
    expect(data.flags).toBe(64);
    expect(embedOf(data).description).toBe('Thanks, we’ll look.');
    expect(data.components ?? []).toEqual([]);
    const post = await h.fake.waitFor(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${OPERATORS}/messages` &&
        JSON.stringify(r.body).includes('#2'),
    );
    const sent = post.body as Json;
    expect(sent.allowed_mentions).toEqual({ parse: [] });
    const description = String(embedOf(sent).description);
    expect(description).toContain('\\*\\*bold\\*\\*');
    expect(description).toContain('\\[x\\](https://evil.example)');
    expect(description).not.toContain('\u001b');
    expect(description).not.toMatch(/(^|[^\\])@everyone/);
    expect((await h.router.services.reports.get(2))?.text).toBe(HOSTILE);
  });
});
