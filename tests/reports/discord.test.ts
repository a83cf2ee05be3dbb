/**
 * Reports end to end on Discord (the real discord.js client against the fake gateway and REST API): the
 * Report button answers ephemerally with the /report line; /report thanks ephemerally and nothing else;
 * the report reaches the operators' channel with its text shown, never a mention or markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardReports } from '../../src/ops/reports.ts';
import { callbackData, embedOf, type Harness, messageBodies, startHarness } from '../discord/harness.ts';
import { press, slash } from '../discord/payloads.ts';
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

  it('the Report button under an answer answers only the presser, with the /report line', async () => {
    const on = h.fake.message('600000000000000001', { embeds: [{ title: 'answer' }] });
    const callback = await h.fake.interact(press(h.fake.applicationId, '!report:new:nms', on));
    const body = callback.body as { type: number; data: Json };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(String(embedOf(body.data).description)).toContain('/report nms ');
  });

  it('thanks ephemerally, and forwards the report with its text inert', async () => {
    const callback = await h.fake.interact(
      slash(h.fake.applicationId, 'report', { id: 'nms', text: HOSTILE }, { locale: 'en-US' }),
    );
    const data = callbackData(callback);
    expect(data.flags).toBe(64);
    expect(embedOf(data).description).toBe('Thanks, we’ll look.');
    expect(data.components ?? []).toEqual([]);
    const post = await h.fake.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${OPERATORS}/messages`,
    );
    const sent = post.body as Json;
    expect(sent.allowed_mentions).toEqual({ parse: [] });
    const description = String(embedOf(sent).description);
    expect(description).toContain('\\*\\*bold\\*\\*');
    expect(description).toContain('\\[x\\](https://evil.example)');
    expect(description).not.toContain('\u001b');
    expect(description).not.toMatch(/(^|[^\\])@everyone/);
    expect(h.router.services.reports.get(1)?.text).toBe(HOSTILE);
  });
});
