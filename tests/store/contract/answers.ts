/**
 * The contract every AnswerStore keeps (memory and SQLite run the same suite): the ledger counts each
 * person's first answer to a question once, the tallies and per-category counts equal a recount of the
 * raw records, active days are kept once, a chat move and `forget` leave nothing behind.
 */

import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../../../src/features/scores/answer.ts';
import { rank } from '../../../src/features/scores/rank.ts';
import type { AnswerStore, Span, Tally } from '../../../src/features/scores/store.ts';
import { chatKey, userKey } from '../../../src/kernel/identity.ts';
import type { Made } from '../engines.ts';

const CHAT = chatKey('telegram', '-100');
const OTHER = chatKey('telegram', '-200');
const ALICE = userKey('telegram', '1');
const BOB = userKey('telegram', '2');
const T0 = Date.parse('2026-03-02T08:00:00Z');

/** An answer with defaults: Alice, right, in CHAT, question q1 at T0. */
export function answer(over: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    platform: 'telegram',
    chatKey: CHAT,
    userKey: ALICE,
    userName: 'Alice',
    questionId: 'q1',
    entryId: 'nms',
    category: 'detection',
    item: 0,
    chosen: 1,
    correct: true,
    answeredAt: T0,
    timeMs: 1000,
    ...over,
  };
}

/** The tallies of a chat recounted from raw records, the way a person would count them by hand. */
export function recount(
  records: readonly AnswerRecord[],
  chat: string,
  span: Span,
  category?: string,
): Tally[] {
  const by = new Map<string, Tally & { latest: number }>();
  for (const a of records) {
    if (a.chatKey !== chat || a.answeredAt < span.from || a.answeredAt >= span.to) continue;
    if (category !== undefined && a.category !== category) continue;
    const t = by.get(a.userKey) ?? {
      userKey: a.userKey,
      userName: '',
      answered: 0,
      correct: 0,
      timeMs: 0,
      latest: -1,
    };
    t.answered++;
    if (a.correct) t.correct++;
    t.timeMs += a.timeMs;
    if (a.answeredAt >= t.latest) [t.latest, t.userName] = [a.answeredAt, a.userName];
    by.set(a.userKey, t);
  }
  return [...by.values()].map(({ latest: _, ...t }) => t);
}

const ALL: Span = { from: 0, to: Number.MAX_SAFE_INTEGER };
const byUser = (a: Tally, b: Tally) => (a.userKey < b.userKey ? -1 : 1);

/** Runs the contract against stores made by `make` (a fresh, empty one each time). */
export function answersContract(name: string, make: () => Made<AnswerStore>): void {
  describe(`answers store contract: ${name}`, () => {
    let store: AnswerStore;
    beforeEach(async () => {
      store = await make();
    });

    it('records the first answer of a person to a question and ignores the rest', async () => {
      expect(await store.record(answer())).toBe(true);
      expect(await store.record(answer({ chosen: 2, correct: false, answeredAt: T0 + 5 }))).toBe(false);
      expect(await store.record(answer({ userKey: BOB, userName: 'Bob' }))).toBe(true);
      expect(await store.record(answer({ chatKey: OTHER }))).toBe(true);
      expect(await store.answersIn(CHAT)).toEqual([answer(), answer({ userKey: BOB, userName: 'Bob' })]);
    });

    it('finds a person’s answer to a question and counts the answers per option', async () => {
      await store.record(answer({ chosen: 2, correct: false }));
      await store.record(answer({ userKey: BOB, userName: 'Bob', chosen: 1 }));
      await store.record(answer({ userKey: userKey('telegram', '3'), chosen: 2 }));
      await store.record(answer({ questionId: 'q2', chosen: 0 }));
      await store.record(answer({ chatKey: OTHER, chosen: 3 }));
      expect(await store.answerOf(CHAT, ALICE, 'q1')).toEqual(answer({ chosen: 2, correct: false }));
      expect(await store.answerOf(CHAT, BOB, 'q2')).toBeUndefined();
      expect(await store.counts(CHAT, 'q1')).toEqual([
        { chosen: 1, count: 1 },
        { chosen: 2, count: 2 },
      ]);
      expect(await store.counts(CHAT, 'q9')).toEqual([]);
    });

    it('tallies a chat within a span and a category, with the latest name', async () => {
      await store.record(answer({ userName: 'Al', answeredAt: T0 - 10 }));
      await store.record(answer({ questionId: 'q2', correct: false, timeMs: 500 }));
      await store.record(answer({ questionId: 'q3', category: 'python', timeMs: 200, answeredAt: T0 + 1 }));
      await store.record(answer({ questionId: 'q4', answeredAt: T0 + 100 }));
      const tally = await store.tally(CHAT, { from: T0 - 10, to: T0 + 100 });
      expect(tally).toEqual([{ userKey: ALICE, userName: 'Alice', answered: 3, correct: 2, timeMs: 1700 }]);
      expect(await store.tally(CHAT, ALL, 'python')).toEqual([
        { userKey: ALICE, userName: 'Alice', answered: 1, correct: 1, timeMs: 200 },
      ]);
      expect(await store.tally(OTHER, ALL)).toEqual([]);
    });

    it('counts a person per category over every chat', async () => {
      await store.record(answer());
      await store.record(answer({ chatKey: OTHER, correct: false }));
      await store.record(answer({ questionId: 'q2', category: 'python' }));
      await store.record(answer({ userKey: BOB }));
      const sorted = (await store.categories(ALICE)).sort((a, b) => a.category.localeCompare(b.category));
      expect(sorted).toEqual([
        { category: 'detection', answered: 2, correct: 1 },
        { category: 'python', answered: 1, correct: 1 },
      ]);
    });

    it('gives the distinct quarter hours of a person’s answers per chat', async () => {
      await store.record(answer({ answeredAt: T0 + 1 }));
      await store.record(answer({ questionId: 'q2', answeredAt: T0 + 60_000 }));
      await store.record(answer({ questionId: 'q3', answeredAt: T0 + 900_000 }));
      await store.record(answer({ chatKey: OTHER, answeredAt: T0 + 2 }));
      const moments = (await store.moments(ALICE)).sort(
        (a, b) => a.at - b.at || a.chatKey.localeCompare(b.chatKey),
      );
      expect(moments).toEqual([
        { chatKey: CHAT, at: T0 },
        { chatKey: OTHER, at: T0 },
        { chatKey: CHAT, at: T0 + 900_000 },
      ]);
    });

    it('keeps each active day once, sorted', async () => {
      await store.markActive(ALICE, '2026-03-03', 'review');
      await store.markActive(ALICE, '2026-03-02', 'answer');
      await store.markActive(ALICE, '2026-03-03', 'answer');
      await store.markActive(ALICE, '2026-03-03', 'review');
      await store.markActive(BOB, '2026-03-04', 'review');
      expect(await store.activeDays(ALICE)).toEqual(['2026-03-02', '2026-03-03']);
    });

    it('forgets one person: answers in every chat and active days, nobody else’s', async () => {
      await store.record(answer());
      await store.record(answer({ chatKey: OTHER }));
      await store.record(answer({ userKey: BOB, userName: 'Bob' }));
      await store.markActive(ALICE, '2026-03-02', 'review');
      await store.markActive(BOB, '2026-03-02', 'review');
      expect(await store.forget(ALICE)).toBe(3);
      expect(await store.categories(ALICE)).toEqual([]);
      expect(await store.activeDays(ALICE)).toEqual([]);
      expect(await store.answersIn(CHAT)).toEqual([answer({ userKey: BOB, userName: 'Bob' })]);
      expect(await store.activeDays(BOB)).toEqual(['2026-03-02']);
      expect(await store.record(answer())).toBe(true);
    });

    it('moves a chat’s answers to its new key, replacing what the new key had', async () => {
      await store.record(answer());
      await store.record(answer({ chatKey: OTHER, questionId: 'old' }));
      await store.moveChat(CHAT, OTHER);
      expect(await store.answersIn(CHAT)).toEqual([]);
      expect(await store.answersIn(OTHER)).toEqual([answer({ chatKey: OTHER })]);
      expect(await store.record(answer({ chatKey: OTHER }))).toBe(false);
    });

    it('ranks like a recount of the raw records, whatever arrives twice (property)', async () => {
      const arb = fc.array(
        fc.record({
          user: fc.constantFrom('1', '2', '3', '4'),
          question: fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5'),
          chat: fc.constantFrom(CHAT, OTHER),
          category: fc.constantFrom('detection', 'python'),
          correct: fc.boolean(),
          at: fc.integer({ min: 0, max: 1000 }),
          timeMs: fc.integer({ min: 0, max: 30_000 }),
        }),
        { maxLength: 60 },
      );
      const span = fc.record({
        from: fc.integer({ min: 0, max: 500 }),
        len: fc.integer({ min: 0, max: 800 }),
      });
      await fc.assert(
        fc.asyncProperty(
          arb,
          span,
          fc.option(fc.constantFrom('detection', 'python'), { nil: undefined }),
          async (rows, s, cat) => {
            const fresh = await make();
            const kept: AnswerRecord[] = [];
            const seen = new Set<string>();
            for (const r of rows) {
              const a = answer({
                chatKey: r.chat,
                userKey: userKey('telegram', r.user),
                userName: `U${r.user}`,
                questionId: r.question,
                category: r.category,
                correct: r.correct,
                answeredAt: T0 + r.at,
                timeMs: r.timeMs,
              });
              const id = `${a.chatKey}|${a.userKey}|${a.questionId}`;
              expect(await fresh.record(a)).toBe(!seen.has(id));
              if (!seen.has(id)) kept.push(a);
              seen.add(id);
            }
            const window = { from: T0 + s.from, to: T0 + s.from + s.len };
            expect(rank(await fresh.tally(CHAT, window, cat))).toEqual(
              rank(recount(kept, CHAT, window, cat)),
            );
            expect((await fresh.tally(CHAT, window, cat)).sort(byUser)).toEqual(
              recount(kept, CHAT, window, cat).sort(byUser),
            );
          },
        ),
        { numRuns: 150 },
      );
    });
  });
}
