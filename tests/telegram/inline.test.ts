/** Inline mode (`@bot query` in any chat) through the real grammY bot. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INLINE_CACHE_SECONDS,
  INLINE_RATE,
  MAX_INLINE_RESULTS,
  RANDOM_RESULTS,
  WEAK_ARTICLE_ID,
} from '../../src/adapters/telegram/inline.ts';
import { CLOSEST } from '../../src/features/search/views.ts';
import { translator } from '../../src/kernel/i18n.ts';
import type { ApiCall } from '../fakes/telegram.ts';
import { checkTelegramHtml } from '../fakes/telegram-html.ts';
import { BOB, FIXTURES, type Harness, inlineQuery, press, startHarness } from './harness.ts';

interface Article {
  type: string;
  id: string;
  title: string;
  description: string;
  input_message_content: { message_text: string; parse_mode: string };
  reply_markup?: { inline_keyboard: { callback_data?: string }[][] };
}

const results = (call: ApiCall) => call.payload.results as Article[];

describe('inline queries over the real knowledge base', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers with at most 20 articles: question, English title, the card in valid HTML', async () => {
    for (const query of ['交叉熵', 'loss', '注意力 transformer', 'softmax']) {
      const call = await h.ask(inlineQuery(query), 'answerInlineQuery');
      expect(call.ok, call.failure?.description).toBe(true);
      expect(call.payload.cache_time).toBe(INLINE_CACHE_SECONDS);
      const articles = results(call);
      expect(articles.length).toBeLessThanOrEqual(MAX_INLINE_RESULTS);
      for (const a of articles) {
        const entry = h.router.services.kb.get(a.id);
        expect(a.type).toBe('article');
        expect(a.title).toBe(entry?.question);
        expect(a.description).toBe(entry?.title_en);
        const html = checkTelegramHtml(a.input_message_content.message_text);
        expect(html.ok).toBe(true);
        expect(a.reply_markup?.inline_keyboard.flat()[0]?.callback_data).toBe(`show:ans:${a.id}`);
      }
    }
    const broad = '卷积 网络 模型 损失 训练';
    expect(h.router.services.search.search(broad, { limit: 100 }).length).toBeGreaterThan(MAX_INLINE_RESULTS);
    const many = await h.ask(inlineQuery(broad), 'answerInlineQuery');
    expect(results(many).length).toBe(MAX_INLINE_RESULTS);
  });

  it('offers a few random questions for an empty query and nothing for an unusable one', async () => {
    const empty = await h.ask(inlineQuery(''), 'answerInlineQuery');
    expect(results(empty)).toHaveLength(RANDOM_RESULTS);
    expect(new Set(results(empty).map((a) => a.id)).size).toBe(RANDOM_RESULTS);
    const symbols = await h.ask(inlineQuery('!!! ???'), 'answerInlineQuery');
    expect(results(symbols)).toEqual([]);
  });

  it('answers an out-of-scope query with one "nothing matched well" article, then only the closest 3', async () => {
    const zh = translator('zh-CN');
    for (const query of ['how do I bake bread', 'Kubernetes 怎么部署服务', '强化学习 PPO 的裁剪目标']) {
      const closest = h.router.services.search.query(query).hits.slice(0, CLOSEST);
      const articles = results(await h.ask(inlineQuery(query), 'answerInlineQuery'));
      expect(articles.map((a) => a.id)).toEqual([WEAK_ARTICLE_ID, ...closest.map((c) => c.entry.id)]);
      const [weak] = articles;
      expect(weak?.title).toBe(zh('search.inlineWeakTitle'));
      const html = weak?.input_message_content.message_text ?? '';
      expect(checkTelegramHtml(html)).toMatchObject({ ok: true });
      expect(html).toContain('/topics');
      expect(html).toContain('很相符');
      // The message it sends opens each closest topic's card with a button.
      const data = weak?.reply_markup?.inline_keyboard.flat().map((b) => b.callback_data);
      expect(data).toEqual(closest.map((c) => `show:card:${c.entry.id}`));
    }
  });

  it('opens a closest topic in place when its button on the sent "nothing matched well" message is pressed', async () => {
    const [closest] = h.router.services.search.query('Kubernetes 怎么部署服务').hits;
    const since = h.fake.calls.length;
    h.fake.pushUpdate(press(`show:card:${closest?.entry.id}`, { inlineMessageId: 'inline-weak' }));
    const edit = await h.fake.waitFor('editMessageText', { since });
    expect(edit.payload.inline_message_id).toBe('inline-weak');
    expect(String(edit.payload.text)).toContain(closest?.entry.id);
    expect(checkTelegramHtml(String(edit.payload.text))).toMatchObject({ ok: true });
  });

  it("says nothing was found, with /topics, when no entry shares a word; in the asker's language", async () => {
    const en = translator('en');
    const articles = results(await h.ask(inlineQuery('今天天气怎么样', BOB), 'answerInlineQuery'));
    expect(articles.map((a) => a.id)).toEqual([WEAK_ARTICLE_ID]);
    expect(articles[0]?.description).toBe(en('search.inlineNoneDescription'));
    expect(articles[0]?.input_message_content.message_text).toContain('/topics');
    expect(articles[0]?.reply_markup).toBeUndefined();
  });

  it("lists a described problem's matches without the warning article", async () => {
    const articles = results(
      await h.ask(inlineQuery('特征的量纲差很多，梯度下降收敛很慢'), 'answerInlineQuery'),
    );
    expect(articles[0]?.id).toBe('data-normalization');
    expect(articles.map((a) => a.id)).not.toContain(WEAK_ARTICLE_ID);
  });

  it('reveals the answer in place when the button of an inline message is pressed', async () => {
    const entry = h.router.services.kb.entries[0];
    const since = h.fake.calls.length;
    h.fake.pushUpdate(press(`show:ans:${entry?.id}`, { inlineMessageId: 'inline-1' }));
    const edit = await h.fake.waitFor('editMessageText', { since });
    expect(edit.payload.inline_message_id).toBe('inline-1');
    expect(checkTelegramHtml(String(edit.payload.text))).toMatchObject({ ok: true });
    expect((await h.fake.waitFor('answerCallbackQuery', { since })).ok).toBe(true);
  });
});

describe('inline queries over text that needs escaping', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ knowledgeDir: `${FIXTURES}knowledge/` });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('escapes <, > and & from the knowledge base in the sent card', async () => {
    const call = await h.ask(inlineQuery('softmax'), 'answerInlineQuery');
    const article = results(call).find((a) => a.id === 'softmax-tags');
    const html = article?.input_message_content.message_text ?? '';
    expect(html).toContain('&lt;b&gt;softmax&lt;/b&gt; &amp; log-sum-exp');
    expect(html).not.toContain('<b>softmax</b>');
    expect(checkTelegramHtml(html)).toMatchObject({ ok: true });
    expect(article?.title).toBe('为什么 <b>softmax</b> & log-sum-exp 要减最大值？');
  });
});

describe('inline queries are rate-limited per person', () => {
  let h: Harness;
  let now = 5_000_000;
  beforeAll(async () => {
    h = await startHarness({
      adapter: { inlineRate: { capacity: INLINE_RATE.capacity, refillPerSecond: 1, now: () => now } },
    });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers a burst, then says to slow down (no search) until the bucket refills; others are not affected', async () => {
    for (let i = 0; i < INLINE_RATE.capacity; i++) {
      const call = await h.ask(inlineQuery(`loss ${i}`), 'answerInlineQuery');
      expect(results(call).length).toBeGreaterThan(0);
    }
    const limited = await h.ask(inlineQuery('loss'), 'answerInlineQuery');
    expect(limited.ok).toBe(true);
    expect(results(limited)).toEqual([]);
    expect(limited.payload.cache_time).toBe(0);
    expect(limited.payload.is_personal).toBe(true);
    const button = limited.payload.button as { text: string; start_parameter: string };
    expect(button.text).toContain('太频繁');
    expect(button.start_parameter).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    const other = await h.ask(inlineQuery('loss', BOB), 'answerInlineQuery');
    expect(results(other).length).toBeGreaterThan(0);

    now += 1000;
    const again = await h.ask(inlineQuery('loss'), 'answerInlineQuery');
    expect(results(again).length).toBeGreaterThan(0);
  });
});
