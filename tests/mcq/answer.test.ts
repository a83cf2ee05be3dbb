/**
 * Multiple-choice questions through the router, over the in-memory stores: /mcq, /quiz mode:choice and
 * the flashcard's button ask one; a press is recorded once, answered privately with the explanation,
 * redraws the question with its count, and feeds FSRS unless the person rated the entry later.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../src/adapters/terminal/render.ts';
import { createRouter } from '../../src/app/services.ts';
import { CHOICE_LETTERS, type Entry } from '../../src/features/knowledge/schema.ts';
import { parseAnswer } from '../../src/features/mcq/asked.ts';
import { ORDERS } from '../../src/features/mcq/order.ts';
import { MAX_ACTION_BYTES } from '../../src/kernel/action.ts';
import type { Locale } from '../../src/kernel/i18n.ts';
import { chatKey, userKey } from '../../src/kernel/identity.ts';
import { allButtons, isActionButton, type Reply } from '../../src/kernel/reply.ts';
import type { Origin, Router } from '../../src/kernel/router.ts';

const T0 = Date.parse('2026-03-04T04:00:00Z');

function person(id: string, o: { locale?: Locale } = {}): Origin {
  return {
    platform: 'discord',
    chat: { id: '500', kind: 'group' },
    user: { id, name: `Player ${id}`, admin: false },
    locale: o.locale ?? 'en',
  };
}

const actions = (reply: Reply | null | undefined) =>
  allButtons(reply ?? {})
    .filter(isActionButton)
    .map((b) => b.action);

let router: Router;
let now = T0;

beforeEach(async () => {
  now = T0;
  router = await createRouter({ now: () => new Date(now) });
});

/** The asked question's entry and answer buttons of a /mcq reply. */
function question(reply: Reply | null) {
  const ids = actions(reply).filter((a) => a.startsWith('mcq:a:'));
  const parsed = parseAnswer(ids[0]?.split(':').slice(2) ?? []);
  if (!parsed) throw new Error(`no answer buttons in ${JSON.stringify(reply)}`);
  const entry = router.services.kb.get(parsed.asked.entryId) as Entry;
  const choice = entry.choices?.[parsed.asked.item];
  if (!choice) throw new Error('no item');
  const order = ORDERS[parsed.asked.order] ?? [];
  const right = order.indexOf(CHOICE_LETTERS.indexOf(choice.answer));
  return { ids, entry, choice, order, right, wrong: (right + 1) % 4, asked: parsed.asked };
}

describe('/mcq', () => {
  it('asks a stem with options A–D in a shuffled order and four answer buttons that fit 64 bytes', async () => {
    const reply = await router.invokeText('/mcq', person('1'));
    const q = question(reply);
    expect(q.ids).toHaveLength(4);
    for (const id of q.ids) expect(Buffer.byteLength(id)).toBeLessThanOrEqual(MAX_ACTION_BYTES);
    // The answer buttons, then the asker's Close (see close.test.ts).
    expect(allButtons(reply ?? {}).map((b) => b.label)).toEqual(['A', 'B', 'C', 'D', 'Close']);
    const body = reply?.body ?? '';
    q.order.forEach((own, i) => {
      const option = q.choice.options[own] ?? '';
      expect(body).toContain(`**${CHOICE_LETTERS[i]}.** `);
      expect(body.replace(/\\/g, '')).toContain(option.replace(/\\/g, ''));
    });
    expect(reply?.private).toBeFalsy();
    expect(q.asked.sentAt).toBe(T0);
  });

  it('filters by category and difficulty, and says so privately when none matches', async () => {
    const reply = await router.invokeText('/mcq python easy', person('1'));
    const q = question(reply);
    expect(q.entry.category).toBe('python');
    expect(q.entry.difficulty).toBe('easy');
    const none = await router.invoke({ name: 'mcq', options: { category: 'no-such' } }, person('1'));
    expect(none.body ?? '').not.toBe('');
  });

  it('records a press once, answers privately, and redraws the question with its count', async () => {
    const q = question(await router.invokeText('/mcq', person('1')));
    now = T0 + 4_200;
    const first = await router.press(q.ids[q.right] ?? '', person('1'));
    expect(first.private).toBe(true);
    expect(first.body).toContain('✅');
    expect(first.body).toContain(`**${CHOICE_LETTERS[q.right]}.**`);
    expect(actions(first)).toContain(`show:ans:${q.entry.id}`);
    expect(first.refresh?.footer).toMatch(/^1 answered/);
    // Redrawn with its answer buttons and the asker's Close.
    expect(actions(first.refresh).slice(0, 4)).toEqual(q.ids);
    expect(actions(first.refresh)[4]).toMatch(/^mcq:x:/);

    now = T0 + 6_000;
    const again = await router.press(q.ids[q.wrong] ?? '', person('1'));
    expect(again.private).toBe(true);
    expect(again.body).toContain(`**${CHOICE_LETTERS[q.right]}**`);
    expect(again.refresh).toBeUndefined();

    const other = await router.press(q.ids[q.wrong] ?? '', person('2', { locale: 'zh-CN' }));
    expect(other.body).toContain('❌');
    // Redrawn in the language it was asked in, whoever pressed.
    expect(other.refresh?.footer).toMatch(/^2 answered/);

    const records = await router.services.scores.answersIn(chatKey('discord', '500'));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      platform: 'discord',
      userKey: userKey('discord', '1'),
      userName: 'Player 1',
      entryId: q.entry.id,
      category: q.entry.category,
      item: q.asked.item,
      chosen: CHOICE_LETTERS.indexOf(q.choice.answer),
      correct: true,
      answeredAt: T0 + 4_200,
      timeMs: 4_200,
    });
    expect(records[1]).toMatchObject({ userKey: userKey('discord', '2'), correct: false, timeMs: 6_000 });
  });

  it('feeds FSRS: right is Good, wrong is Again', async () => {
    const q = question(await router.invokeText('/mcq', person('1')));
    await router.press(q.ids[q.right] ?? '', person('1'));
    await router.press(q.ids[q.wrong] ?? '', person('2'));
    const reviews = router.services.store.reviews;
    expect((await reviews.get(userKey('discord', '1'), q.entry.id))?.lastRating).toBe(3);
    expect((await reviews.get(userKey('discord', '2'), q.entry.id))?.lastRating).toBe(1);
  });

  it('leaves FSRS alone when the person rated the entry themselves after the question was posted', async () => {
    const q = question(await router.invokeText('/mcq', person('1')));
    now = T0 + 1_000;
    await router.press(`review:rate:${q.entry.id}:4`, person('1'));
    now = T0 + 2_000;
    await router.press(q.ids[q.wrong] ?? '', person('1'));
    const record = await router.services.store.reviews.get(userKey('discord', '1'), q.entry.id);
    expect(record).toMatchObject({ lastRating: 4, reps: 1 });
  });

  it('answers forged or stale answer buttons with a clear message and records nothing', async () => {
    const q = question(await router.invokeText('/mcq', person('1')));
    const [, , entry, item, order, sent, lang] = (q.ids[0] ?? '').split(':');
    const forged = [
      `mcq:a:${entry}:${item}:24:${sent}:${lang}:0`,
      `mcq:a:${entry}:9:${order}:${sent}:${lang}:0`,
      `mcq:a:${entry}:${item}:${order}:${sent}:x:0`,
      `mcq:a:${entry}:${item}:${order}:${sent}:${lang}:4`,
      `mcq:a:${entry}:${item}:${order}:${(T0 + 3_600_000).toString(36)}:${lang}:0`,
      `mcq:a:no-such-entry:0:0:${sent}:e:0`,
      'mcq:a',
    ];
    for (const id of forged) {
      const reply = await router.press(id, person('1'));
      expect(reply.private, id).toBe(true);
      expect(reply.body, id).not.toContain('✅');
      expect(reply.body, id).not.toContain('❌');
    }
    expect(await router.services.scores.answersIn(chatKey('discord', '500'))).toEqual([]);
  });

  it('renders in the terminal as numbered buttons, and the verdict carries the explanation', async () => {
    const origin: Origin = { ...person('1'), platform: 'terminal' };
    const reply = await router.invokeText('/mcq', origin);
    const { text } = renderReply(reply ?? {}, { ansi: false, referencesLabel: 'References' });
    expect(text).toContain('[1] A  [2] B  [3] C  [4] D');
    const q = question(reply);
    const verdict = await router.press(q.ids[q.wrong] ?? '', origin);
    const first = q.choice.explanation.split('\n')[0] ?? '';
    expect(renderReply(verdict, { ansi: false, referencesLabel: '' }).text).toContain(first.slice(0, 10));
  });
});

describe('reaching a multiple-choice question', () => {
  it('/quiz mode:choice asks one, and a flashcard has a button to one of its entry', async () => {
    const choice = await router.invoke({ name: 'quiz', options: { mode: 'choice' } }, person('1'));
    expect(question(choice).ids).toHaveLength(4);
    const text = await router.invokeText('/quiz choice', person('1'));
    expect(question(text).ids).toHaveLength(4);
    const card = await router.invokeText('/quiz', person('1'));
    const ask = actions(card).find((a) => a.startsWith('mcq:ask:'));
    expect(ask).toBeDefined();
    const asked = await router.press(ask ?? '', person('1'));
    expect(question(asked).entry.id).toBe(ask?.split(':')[2]);
  });

  it('/help lists /mcq and the quiz mode in both languages', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const help = await router.invokeText('/help', person('1', { locale }));
      expect(help?.body).toContain('/mcq');
      expect(help?.body).toMatch(/\/quiz[^\n]*mode/);
    }
  });
});
