/** /search through the real router: matches for a described problem, "nothing matched well" otherwise. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../src/app/router.ts';
import { createRouter } from '../../src/app/services.ts';
import { CLOSEST, SHOWN } from '../../src/features/search/views.ts';
import { translator } from '../../src/kernel/i18n.ts';
import type { ActionButton, Reply } from '../../src/kernel/reply.ts';
import { origin } from '../core/helpers.ts';

const zh = translator('zh-CN');
const en = translator('en');

let router: Router;
beforeAll(async () => {
  router = await createRouter();
});

const search = async (query: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Reply> => {
  const reply = await router.invokeText(`/search ${query}`, origin({ locale }));
  if (!reply) throw new Error('not a command');
  return reply;
};
const opened = (reply: Reply) =>
  (reply.buttons ?? []).flat().map((b) => (b as ActionButton).action.replace(/^show:card:/, ''));

describe('/search', () => {
  it('lists the matches of a described problem, the right entry first, without a warning', async () => {
    const reply = await search('特征的量纲差很多，梯度下降收敛很慢');
    expect(opened(reply)[0]).toBe('data-normalization');
    expect(opened(reply).length).toBeLessThanOrEqual(SHOWN);
    expect(reply.body).not.toContain('很相符');
    expect(reply.footer).toBe(zh('search.footer'));
  });

  it.each([
    ['how do I bake bread', 'en' as const],
    ['Kubernetes 怎么部署服务', 'zh-CN' as const],
    ['强化学习 PPO 的裁剪目标', 'en' as const],
  ])(
    'says "%s" matched nothing well (%s), offers the closest 3 as buttons and /topics',
    async (query, locale) => {
      const t = locale === 'en' ? en : zh;
      const reply = await search(query, locale);
      const closest = router.services.search.query(query, { limit: SHOWN }).hits.slice(0, CLOSEST);
      expect(closest.length).toBeGreaterThan(0);
      expect(reply.body?.startsWith(t('search.weak', { query }))).toBe(true);
      expect(opened(reply)).toEqual(closest.map((h) => h.entry.id));
      expect(reply.footer).toBe(t.plain('search.weakFooter'));
      expect(reply.footer).toContain('/topics');
      // Each button opens the card of the topic it is numbered for.
      const first = `show:card:${opened(reply)[0]}`;
      expect((await router.press(first, origin({ locale })))?.title).toBe(closest[0]?.entry.question);
    },
  );

  it('says nothing was found, with /topics, when no entry shares a word (never an empty reply)', async () => {
    expect(await search('今天天气怎么样')).toEqual({
      body: zh('search.none', { query: '今天天气怎么样' }),
      private: true,
    });
    expect((await search('今天天气怎么样', 'en')).body).toContain('/topics');
  });

  it('escapes the query in the "nothing matched well" text', async () => {
    const reply = await search('Kubernetes **bold** _x_');
    expect(reply.body).toContain('\\*\\*bold\\*\\*');
  });
});
