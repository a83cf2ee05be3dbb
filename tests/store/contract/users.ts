/**
 * The `moveUser` contract of every part that keeps rows per person (memory and SQLite run the same
 * suites): merging `from` into `to` leaves nothing under `from`, keeps everything else, and settles a
 * clash by the part's rule (the later review wins, counts add up, the later plan stays).
 */

import { beforeEach, describe, expect, it } from 'vitest';
import type { LinkStore } from '../../../src/features/link/store.ts';
import type { PlanStore } from '../../../src/features/plan/store.ts';
import type { ReviewPartStore } from '../../../src/features/review/part.ts';
import type { KeyPointStore } from '../../../src/features/review/points-store.ts';
import type { ReviewRecord } from '../../../src/features/review/store.ts';
import type { AnswerStore } from '../../../src/features/scores/store.ts';
import { chatKey, userKey } from '../../../src/kernel/identity.ts';
import type { ChatRows } from '../../../src/store/part.ts';
import type { Made } from '../engines.ts';
import { answer } from './answers.ts';

const FROM = userKey('discord', '42');
const TO = userKey('telegram', '7');
const BYSTANDER = userKey('telegram', '8');

function review(userKey: string, entryId: string, over: Partial<ReviewRecord> = {}): ReviewRecord {
  return { userKey, entryId, card: '{}', due: 100, reps: 1, lastRating: 3, updatedAt: 10, ...over };
}

/** Runs a suite against a fresh store from `make` each time. */
function suite<T>(title: string, make: () => Made<T>, body: (store: () => T) => void): void {
  describe(title, () => {
    let store: T;
    beforeEach(async () => {
      store = await make();
    });
    body(() => store);
  });
}

/** Reviews: of one entry the later rating's record wins and `reps` add up. */
export function reviewsMoveUser(name: string, make: () => Made<ReviewPartStore>): void {
  suite(`reviews moveUser: ${name}`, make, (store) => {
    it('moves records, the later of one entry winning, with the ratings added up', async () => {
      const s = store();
      await s.put(review(FROM, 'only-from', { reps: 2 }));
      await s.put(review(FROM, 'later-from', { card: '"from"', lastRating: 4, reps: 2, updatedAt: 30 }));
      await s.put(review(TO, 'later-from', { card: '"to"', lastRating: 1, reps: 3, updatedAt: 20 }));
      await s.put(review(FROM, 'later-to', { card: '"from"', lastRating: 4, updatedAt: 20 }));
      await s.put(review(TO, 'later-to', { card: '"to"', lastRating: 1, updatedAt: 30 }));
      await s.put(review(BYSTANDER, 'only-from'));
      await s.moveUser(FROM, TO);
      expect(await s.records(FROM)).toEqual([]);
      expect(await s.get(TO, 'only-from')).toEqual(review(TO, 'only-from', { reps: 2 }));
      expect(await s.get(TO, 'later-from')).toEqual(
        review(TO, 'later-from', { card: '"from"', lastRating: 4, reps: 5, updatedAt: 30 }),
      );
      expect(await s.get(TO, 'later-to')).toEqual(
        review(TO, 'later-to', { card: '"to"', lastRating: 1, reps: 2, updatedAt: 30 }),
      );
      expect(await s.get(BYSTANDER, 'only-from')).toEqual(review(BYSTANDER, 'only-from'));
      expect((await s.stats(TO, 0)).total).toBe(3);
    });

    it('changes nothing when a person is moved onto themselves or has nothing', async () => {
      const s = store();
      await s.put(review(TO, 'a'));
      await s.moveUser(TO, TO);
      await s.moveUser(FROM, TO);
      expect(await s.records(TO)).toEqual([review(TO, 'a')]);
    });
  });
}

/** Answers: the ledger rows and active days move; counts add up; a shared asked question keeps `to`'s. */
export function answersMoveUser(name: string, make: () => Made<AnswerStore>): void {
  const dm = chatKey('discord', '900');
  suite(`answers moveUser: ${name}`, make, (store) => {
    it('moves answers and active days, so tallies and categories add up', async () => {
      const s = store();
      await s.record(answer({ userKey: TO, questionId: 'q1' }));
      await s.record(
        answer({ userKey: FROM, platform: 'discord', chatKey: dm, questionId: 'q1', correct: false }),
      );
      await s.record(answer({ userKey: FROM, platform: 'discord', chatKey: dm, questionId: 'q2' }));
      await s.record(answer({ userKey: BYSTANDER, questionId: 'q1' }));
      await s.markActive(FROM, '2026-03-01', 'answer');
      await s.markActive(FROM, '2026-03-02', 'review');
      await s.markActive(TO, '2026-03-02', 'review');
      await s.moveUser(FROM, TO);
      expect(await s.categories(FROM)).toEqual([]);
      expect(await s.activeDays(FROM)).toEqual([]);
      expect(await s.categories(TO)).toEqual([{ category: 'detection', answered: 3, correct: 2 }]);
      expect(await s.activeDays(TO)).toEqual(['2026-03-01', '2026-03-02']);
      expect((await s.answersIn(dm)).map((a) => [a.userKey, a.platform])).toEqual([
        [TO, 'discord'],
        [TO, 'discord'],
      ]);
      expect(await s.categories(BYSTANDER)).toEqual([{ category: 'detection', answered: 1, correct: 1 }]);
    });

    it('keeps the answer already counted for `to` when both answered one asked question', async () => {
      const s = store();
      await s.record(answer({ userKey: TO, chosen: 2, correct: false }));
      await s.record(answer({ userKey: FROM, chosen: 1 }));
      await s.moveUser(FROM, TO);
      expect(await s.answersIn(answer().chatKey)).toEqual([
        answer({ userKey: TO, chosen: 2, correct: false }),
      ]);
      expect(await s.forget(FROM)).toBe(0);
    });
  });
}

/** Key points: of one point `seen` and `missed` add up and the later time stays. */
export function keyPointsMoveUser(name: string, make: () => Made<KeyPointStore>): void {
  suite(`keyPoints moveUser: ${name}`, make, (store) => {
    it('adds the tallies of one point and moves the rest', async () => {
      const s = store();
      await s.record(
        FROM,
        'nms',
        [
          { point: 'IoU', missed: true },
          { point: 'soft', missed: true },
        ],
        5,
      );
      await s.record(TO, 'nms', [{ point: 'IoU', missed: false }], 3);
      await s.record(TO, 'nms', [{ point: 'IoU', missed: true }], 9);
      await s.record(BYSTANDER, 'nms', [{ point: 'IoU', missed: true }], 1);
      await s.moveUser(FROM, TO);
      expect(await s.weakest(FROM, 10)).toEqual([]);
      expect(await s.weakest(TO, 10)).toEqual([
        { entryId: 'nms', point: 'IoU', seen: 3, missed: 2, lastAt: 9 },
        { entryId: 'nms', point: 'soft', seen: 1, missed: 1, lastAt: 5 },
      ]);
      expect(await s.weakest(BYSTANDER, 10)).toHaveLength(1);
    });
  });
}

/** Plans: one per person; where both have one, the one set later stays. */
export function plansMoveUser(name: string, make: () => Made<PlanStore & ChatRows>): void {
  const plan = (userKey: string, date: string, createdAt: number) => ({
    userKey,
    date,
    categories: ['ml'],
    cap: 30,
    createdAt,
    day: '',
    done: 0,
    introduced: 0,
  });
  suite(`plans moveUser: ${name}`, make, (store) => {
    it('moves a plan, and of two keeps the one set later', async () => {
      const s = store();
      await s.put(plan(FROM, '2026-04-01', 20));
      await s.put(plan(TO, '2026-05-01', 10));
      await s.moveUser(FROM, TO);
      expect(await s.get(FROM)).toBeUndefined();
      expect(await s.get(TO)).toEqual(plan(TO, '2026-04-01', 20));
      await s.put(plan(FROM, '2026-06-01', 5));
      await s.moveUser(FROM, TO);
      expect(await s.get(TO)).toEqual(plan(TO, '2026-04-01', 20));
      expect(await s.get(FROM)).toBeUndefined();
    });
  });
}

/** Links: accounts, codes, and linking as `moveUser` (every account of `from` joins `to`). */
export function linksContract(name: string, make: () => Made<LinkStore>): void {
  const TERM = userKey('terminal', 'alice');
  suite(`links store contract: ${name}`, make, (store) => {
    it('makes `from` and its accounts accounts of `to`, and detaches one again', async () => {
      const s = store();
      expect(await s.learnerOf(FROM)).toBe(FROM);
      expect(await s.accountsOf(FROM)).toEqual([FROM]);
      await s.moveUser(TERM, FROM);
      await s.moveUser(FROM, TO);
      expect(await s.learnerOf(FROM)).toBe(TO);
      expect(await s.learnerOf(TERM)).toBe(TO);
      expect(await s.accountsOf(TO)).toEqual([TO, FROM, TERM]);
      // The learner moves to one of its accounts (what /unlink does when the learner's key leaves).
      await s.moveUser(TO, FROM);
      expect(await s.accountsOf(FROM)).toEqual([FROM, TO, TERM]);
      await s.detach(TO);
      expect(await s.learnerOf(TO)).toBe(TO);
      expect(await s.accountsOf(FROM)).toEqual([FROM, TERM]);
      await s.moveChat(chatKey('telegram', '1'), chatKey('telegram', '2'));
      expect(await s.accountsOf(FROM)).toEqual([FROM, TERM]);
    });

    it('keeps codes: used once, the newest unused per account, old ones dropped', async () => {
      const s = store();
      const code = (c: string, user = FROM, expiresAt = 1000) => ({ code: c, user, expiresAt, usedAt: null });
      await s.putCode(code('AAAAAAAAAA'), 0);
      await s.putCode(code('BBBBBBBBBB', TO), 0);
      expect(await s.code('AAAAAAAAAA')).toEqual(code('AAAAAAAAAA'));
      expect(await s.useCode('AAAAAAAAAA', 5)).toBe(true);
      expect(await s.useCode('AAAAAAAAAA', 6)).toBe(false);
      expect(await s.useCode('ZZZZZZZZZZ', 6)).toBe(false);
      expect((await s.code('AAAAAAAAAA'))?.usedAt).toBe(5);
      // A new code drops the account's unused one, not its used one.
      await s.putCode(code('CCCCCCCCCC', TO), 0);
      expect(await s.code('BBBBBBBBBB')).toBeUndefined();
      await s.putCode(code('DDDDDDDDDD'), 0);
      expect((await s.code('AAAAAAAAAA'))?.usedAt).toBe(5);
      // A day after they expired, codes go.
      await s.putCode(code('EEEEEEEEEE', BYSTANDER, 10 ** 9), 1000 + 86_400_000 + 1);
      expect(await s.code('AAAAAAAAAA')).toBeUndefined();
      expect(await s.code('CCCCCCCCCC')).toBeUndefined();
      expect((await s.code('EEEEEEEEEE'))?.user).toBe(BYSTANDER);
    });
  });
}
