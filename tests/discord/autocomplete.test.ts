import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSEST } from '../../src/features/search/views.ts';
import { translator } from '../../src/kernel/i18n.ts';
import type { Json } from '../fakes/discord.ts';
import { callbackData, embedOf, type Harness, startHarness } from './harness.ts';
import { autocomplete, slash, type Where } from './payloads.ts';

interface Choice {
  name: string;
  value: string;
}

describe('discord autocomplete', () => {
  let h: Harness;
  beforeAll(async () => {
    // One person types every query here, faster than the production limit allows on a quiet machine;
    // the limit itself is tested below.
    h = await startHarness({
      fixtures: true,
      tuning: { autocomplete: { capacity: 1000, refillPerSecond: 1000 } },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const suggest = async (name: string, values: Record<string, string>, focused: string, where?: Where) => {
    const payload = autocomplete(h.fake.applicationId, name, values, focused, where);
    const callback = await h.fake.interact(payload);
    const body = callback.body as { type: number; data: Json };
    expect(body.type).toBe(8);
    return body.data.choices as Choice[];
  };
  const valid = (choices: Choice[]) => {
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  };

  it('suggests entries for /search query as the person types, values being entry ids', async () => {
    const choices = await suggest('search', { query: '交叉熵' }, 'query');
    valid(choices);
    expect(choices.length).toBeGreaterThan(0);
    for (const c of choices) expect(h.router.services.kb.get(c.value)).toBeDefined();
    expect(choices.map((c) => c.value)).toContain('ce-loss-theory');
  });

  it('says first that nothing matched well, then offers only the closest 3 (values: ids, and the query)', async () => {
    const zh = translator('zh-CN');
    const en = translator('en');
    for (const [query, locale, t] of [
      ['Kubernetes 怎么部署服务', 'zh-CN', zh],
      ['how do I bake bread', 'en-US', en],
    ] as const) {
      const choices = await suggest('search', { query }, 'query', { locale });
      valid(choices);
      const closest = h.router.services.search.query(query).hits.slice(0, CLOSEST);
      expect(closest.length).toBeGreaterThan(0);
      expect(choices).toEqual([
        { name: t.plain('search.autocompleteWeak', { query }), value: query },
        ...closest.map((c) => ({ name: expect.stringContaining(c.entry.id), value: c.entry.id })),
      ]);
      // Picking the first runs /search with what was typed: "nothing matched well" and /topics.
      const sent = callbackData(
        await h.fake.interact(slash(h.fake.applicationId, 'search', { query }, { locale })),
      );
      const embed = embedOf(sent);
      expect(String(embed.description)).toContain(locale === 'en-US' ? 'Nothing matched' : '很相符');
      expect(JSON.stringify(embed)).toContain('/topics');
    }
    // No entry shares a word: the one choice still says so, in the asker's language.
    expect(await suggest('search', { query: '今天天气怎么样' }, 'query')).toEqual([
      { name: zh.plain('search.autocompleteWeak', { query: '今天天气怎么样' }), value: '今天天气怎么样' },
    ]);
    // A described problem that matched well: matches only.
    const described = await suggest('search', { query: '特征的量纲差很多，梯度下降收敛很慢' }, 'query');
    expect(described[0]?.value).toBe('data-normalization');
    expect(described.every((c) => h.router.services.kb.get(c.value))).toBe(true);
  });

  it('suggests entries for /show id, and the first 25 when nothing is typed yet', async () => {
    const entry = h.router.services.kb.entries[5];
    if (!entry) throw new Error('empty knowledge base');
    const byId = await suggest('show', { id: entry.id.slice(0, 6) }, 'id');
    valid(byId);
    expect(byId.map((c) => c.value)).toContain(entry.id);
    const empty = await suggest('show', { id: '' }, 'id');
    valid(empty);
    expect(empty).toHaveLength(25);
  });

  it('answers an option without suggestions, and an unknown command, with no choices', async () => {
    expect(await suggest('slow', { ms: '1' }, 'ms')).toEqual([]);
    expect(await suggest('search', { query: 'x', nope: 'n' }, 'nope')).toEqual([]);
    expect(await suggest('no-such-command', { q: 'x' }, 'q')).toEqual([]);
  });

  it('completes an entry option of a subcommand', async () => {
    const payload = autocomplete(h.fake.applicationId, 'deck', {}, 'id');
    const data = payload.data as Json;
    data.options = [
      { name: 'add', type: 1, options: [{ name: 'id', type: 3, value: 'soft', focused: true }] },
    ];
    const body = (await h.fake.interact(payload)).body as { data: { choices: Choice[] } };
    valid(body.data.choices);
    expect(body.data.choices.length).toBeGreaterThan(0);
  });

  it('completes a choice option too long to list, with localized names', async () => {
    const payload = autocomplete(h.fake.applicationId, 'deck', {}, 'letter');
    const data = payload.data as Json;
    data.options = [
      { name: 'pick', type: 1, options: [{ name: 'letter', type: 3, value: 'b', focused: true }] },
    ];
    const body = (await h.fake.interact(payload)).body as { data: { choices: Choice[] } };
    valid(body.data.choices);
    expect(body.data.choices.map((c) => c.value)).toEqual(['letter-b1', 'letter-b27']);
  });

  it('keeps serving autocomplete after Discord refuses one answer', async () => {
    h.fake.fail({
      method: 'POST',
      path: /\/callback$/,
      status: 404,
      body: { code: 10062, message: 'Unknown interaction' },
    });
    const payload = autocomplete(h.fake.applicationId, 'show', { id: 'bn' }, 'id');
    await h.fake.interact(payload);
    await expect.poll(() => h.logs.some((l) => l.interaction === payload.id && l.code === 10062)).toBe(true);
    valid(await suggest('show', { id: 'bn' }, 'id'));
  });
});

describe('discord autocomplete rate limit', () => {
  let h: Harness;
  beforeAll(async () => {
    // Three in a burst, then (practically) no refill during the test.
    h = await startHarness({ tuning: { autocomplete: { capacity: 3, refillPerSecond: 0.01 } } });
  });
  afterAll(async () => {
    await h.close();
  });

  const suggest = async (where: Where) => {
    const callback = await h.fake.interact(
      autocomplete(h.fake.applicationId, 'show', { id: 'bn' }, 'id', where),
    );
    const body = callback.body as { type: number; data: Json };
    expect(body.type).toBe(8);
    return body.data.choices as Choice[];
  };

  it('limits autocomplete per person: over the limit an empty list, others unaffected', async () => {
    const flooder = { userId: '400000000000000777' };
    const answers: Choice[][] = [];
    for (let i = 0; i < 10; i++) answers.push(await suggest(flooder));
    expect(answers.map((a) => a.length > 0)).toEqual([true, true, true, ...Array(7).fill(false)]);
    expect(h.logs.some((l) => l.msg === 'discord interaction failed')).toBe(false);
    // Another person still gets suggestions, in a server or in a DM.
    expect((await suggest({ userId: '400000000000000778' })).length).toBeGreaterThan(0);
    expect((await suggest({ userId: '400000000000000779', dm: true })).length).toBeGreaterThan(0);
  });
});
