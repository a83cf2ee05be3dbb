import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminalOutbox } from '../../src/adapters/terminal/outbox.ts';
import type { Entry } from '../../src/features/knowledge/schema.ts';
import type { OptionsSpec } from '../../src/kernel/command.ts';
import { translator } from '../../src/kernel/i18n.ts';
import type { Router } from '../../src/kernel/router.ts';
import { seeded } from '../core/helpers.ts';
import { answers, chatRouter, expectReferences, shownId } from './harness.ts';

const zh = translator('zh-CN');

let router: Router;
let output: PassThrough;
let printed = '';

beforeAll(async () => {
  // The real commands plus /press, with a daily scheduler whose posts print on `output` (as `npm start`).
  router = await chatRouter({ random: seeded(42), daily: { defaultTimezone: 'Asia/Shanghai' } });
  output = new PassThrough();
  output.setEncoding('utf8').on('data', (d: string) => {
    printed += d;
  });
  router.services.daily?.attach(createTerminalOutbox({ output, locale: 'zh-CN' }));
});
afterAll(async () => {
  await router.services.daily?.stop();
  output.destroy();
});

const entry = (id: string): Entry => {
  const e = router.services.kb.get(id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};
/** A line that runs a command with valid arguments, from its declaration (so new commands are covered). */
function sampleLines(name: string, options: OptionsSpec | undefined, prefix = `/${name}`): string {
  const samples: Record<string, string> = { search: '交叉熵', show: 'ce-loss-code' };
  const args = Object.entries(options ?? {})
    .filter(([, o]) => o.required)
    .map(([, o]) => {
      if (samples[name]) return samples[name];
      if (o.type === 'integer') return String(o.min);
      if (o.type === 'choice') return Array.isArray(o.choices) ? String(o.choices[0]) : 'nlp';
      return o.autocomplete === 'entry' ? 'ce-loss-code' : 'x';
    });
  return [prefix, ...args].join(' ');
}

describe('every command through the terminal chat', () => {
  it('each command and subcommand answers without an error', async () => {
    const lines = router.commands
      .filter((c) => c.name !== 'press')
      .flatMap((c) =>
        c.subcommands
          ? Object.entries(c.subcommands).map(([sub, s]) =>
              sampleLines(c.name, s.options, `/${c.name} ${sub}`),
            )
          : [sampleLines(c.name, c.options)],
      );
    expect(lines).toEqual(expect.arrayContaining(['/help', '/search 交叉熵', '/show ce-loss-code', '/quiz']));
    const replies = await answers(router, lines);
    lines.forEach((line, i) => {
      const reply = replies[i] ?? '';
      expect(reply, line).not.toBe('');
      for (const bad of ['common.apology', 'common.unknownCommand', 'common.missingOption'] as const) {
        // The fixed text before the first placeholder.
        expect(reply, line).not.toContain(zh(bad).split('{')[0]);
      }
    });
  });

  it('/help lists every command', async () => {
    const [help] = await answers(router, ['/help']);
    expect(help).toContain(zh('help.title'));
    for (const c of router.commands) expect(help).toContain(`/${c.name}`);
  });

  it('/search shows numbered hits; a number opens the card (show:card), 1 then reveals it (show:ans)', async () => {
    const [hits, card, answer] = await answers(router, ['/search 交叉熵', '1', '1']);
    expect(hits).toMatch(/^搜索：交叉熵\n\n1\. .+\n {2}深度学习 · .+ · ce-loss-code\n2\. /);
    expect(hits).toContain('[1] 1  [2] 2');
    const e = entry('ce-loss-code');
    expect(card).toContain(e.question);
    expect(card).toContain('/show ce-loss-code');
    expect(card).toContain(zh('show.footer'));
    expect(card?.endsWith(`[1] ${zh('common.revealAnswer')}`)).toBe(true);
    expectReferences(answer, e);
    expect(e.references.length).toBeGreaterThan(0);
    expect(answer).toContain(`${zh('common.answer')} · ce-loss-code`);
  });

  it('plain text is a search', async () => {
    const [plain, slash] = await answers(router, ['交叉熵', '/search 交叉熵']);
    expect(plain).toBe(slash);
  });

  it('/show <id> opens the card; its button reveals the answer with numbered references', async () => {
    const [card, answer] = await answers(router, ['/show args-kwargs', '1']);
    const e = entry('args-kwargs');
    // The English title keeps its `*args` and `**kwargs` (it is escaped before italics).
    expect(card).toContain(`编程语言（Python） · 简单 · ${e.title_en}`);
    expectReferences(answer, e);
  });

  it('an answer without references has no references section', async () => {
    const bare = router.services.kb.entries.find((e) => e.references.length === 0);
    if (!bare) return;
    const [, answer] = await answers(router, [`/show ${bare.id}`, '1']);
    expect(answer).toContain(`${zh('common.answer')} · ${bare.id}`);
    expectReferences(answer, bare);
  });

  it('/quiz: 1 reveals (quiz:ans) with the references, then 1 is the next question (quiz:next)', async () => {
    const [card, answer, next, again] = await answers(router, ['/quiz', '1', '1', '2']);
    expect(card).toMatch(/^随机一题 · .+\n.+/);
    const row = `[1] ${zh('common.revealAnswer')}  [2] ${zh('common.nextQuestion')}  [3] ${zh('quiz.choice')}`;
    expect(card?.endsWith(row)).toBe(true);
    const e = entry(shownId(card ?? ''));
    expect(answer).toContain(e.question);
    expectReferences(answer, e);
    const grades = ['again', 'hard', 'good', 'easy'] as const;
    const rating = grades.map((g, i) => `[${i + 3}] ${zh(`review.grade.${g}`)}`).join('  ');
    const followUp = `[2] ${zh('followup.button')}`;
    expect(
      answer?.endsWith(
        `[1] ${zh('common.nextQuestion')}  ${followUp}  ${rating}  [7] ${zh('points.open')}  [8] ${zh('report.button')}`,
      ),
    ).toBe(true);
    const ids = [e.id, shownId(next ?? ''), shownId(again ?? '')];
    expect(next).toMatch(/^随机一题 · /);
    expect(again).toMatch(/^随机一题 · /);
    expect(new Set(ids).size).toBe(3);
  });

  it('/quiz with filters in any order keeps them for the next question', async () => {
    const replies = await answers(router, ['/quiz easy python', '2', '1', '1']);
    for (const reply of replies.filter((r) => r.startsWith('随机一题'))) {
      const e = entry(shownId(reply));
      expect([e.category, e.difficulty]).toEqual(['python', 'easy']);
    }
    expect(replies.filter((r) => r.startsWith('随机一题'))).toHaveLength(3);
  });

  it('/topics: categories with counts; a category pages with ◀ / ▶ (topics:list); a number opens a card', async () => {
    const [overview, page1, page2, page3, back, card] = await answers(router, [
      '/topics',
      '4',
      '11',
      '12',
      '11',
      '1',
    ]);
    expect(overview).toContain('• 深度学习 deep-learning: 34 题');
    expect(overview).toContain('[4] 深度学习');
    expect(page1).toMatch(/^深度学习（34 题）\n\n1\. /);
    expect(page1).toContain('第 1/4 页');
    expect(page1).toContain('[11] 下一页 ▶');
    expect(page1).not.toContain('上一页');
    // The second page is numbered from 11, like its buttons.
    expect(page2).toMatch(/\n\n11\. .+\n12\. /);
    expect(page2).toContain('第 2/4 页');
    expect(page2).toContain('[1] 11  [2] 12');
    expect(page2).toContain('[11] ◀ 上一页  [12] 下一页 ▶');
    expect(page3).toContain('第 3/4 页');
    expect(back).toBe(page2);
    const eleventh = router.services.kb.inCategory('deep-learning')[10];
    expect(card).toContain(`/show ${eleventh?.id}`);
  });

  it('/topics <category> by id or name, and the last page has no ▶', async () => {
    const [byName, byId, last] = await answers(router, [
      '/topics 深度学习',
      '/topics deep-learning',
      '/topics nlp',
    ]);
    expect(byName).toBe(byId);
    expect(last).toContain('第 1/1 页');
    expect(last).not.toContain('▶');
  });

  it('/daily in the terminal: subscribe, status, now (printed like a post), unsubscribe', async () => {
    const [subscribed, status, now, gone] = await answers(router, [
      '/daily subscribe 21:30 UTC nlp',
      '/daily status',
      '/daily now',
      '/daily unsubscribe',
    ]);
    expect(subscribed).toContain(zh('daily.subscribedTitle'));
    expect(subscribed).toContain('21:30');
    expect(status).toContain('UTC');
    expect(status).toContain('NLP');
    expect(now).toMatch(/已发出下一题：[a-z0-9-]+。/);
    expect(printed).toMatch(/── #1 ─+\n📅 每日一题 · \d{4}-\d{2}-\d{2}\n/);
    expect(gone).toBe(zh('daily.unsubscribed', { target: zh('daily.thisChat') }));
  });

  it("the daily post's private answer button (daily:ans) shows the answer", async () => {
    const [shown, answer] = await answers(router, ['/press daily:ans:ce-loss-code', '1']);
    expect(shown).toContain('[1] the button');
    expect(answer).toContain(entry('ce-loss-code').question);
    expectReferences(answer, entry('ce-loss-code'));
  });

  it('a forged or stale button gets the friendly message', async () => {
    const [, forged, , stale] = await answers(router, [
      '/press show:ans:nope:x',
      '1',
      '/press nosuch:verb',
      '1',
    ]);
    expect(forged).toBe(zh('common.unknownEntry', { id: 'nope' }));
    expect(stale).toBe(zh('common.staleButton'));
  });
});
