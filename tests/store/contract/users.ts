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
import { answer } from './answers.ts';

const FROM = userKey('discord', '42');
const TO = userKey('telegram', '7');
const BYSTANDER = userKey('telegram', '8');

function review(userKey: string, entryId: string, over: Partial<ReviewRecord> = {}): ReviewRecord {
  return { userKey, entryId, card: '{}', due: 100, reps: 1, lastRating: 3, updatedAt: 10, ...over };
}

/** Runs a suite against a fresh store from `make` each time. */
function suite<T>(title: string, make: () => T, body: (store: () => T) => void): void {
  describe(title, () => {
    let store: T;
    beforeEach(() => {
      store = make();
    });
    body(() => store);
  });
}

/** Reviews: of one entry the later rating's record wins and `reps` add up. */
export function reviewsMoveUser(name: string, make: () => ReviewPartStore): void {
  suite(`reviews moveUser: ${name}`, make, (store) => {
    it('moves records, the later of one entry winning, with the ratings added up', () => {
      const s = store();
      s.put(review(FROM, 'only-from', { reps: 2 }));
      s.put(review(FROM, 'later-from', { card: '"from"', lastRating: 4, reps: 2, updatedAt: 30 }));
      s.put(review(TO, 'later-from', { card: '"to"', lastRating: 1, reps: 3, updatedAt: 20 }));
      s.put(review(FROM, 'later-to', { card: '"from"', lastRating: 4, updatedAt: 20 }));
      s.put(review(TO, 'later-to', { card: '"to"', lastRating: 1, updatedAt: 30 }));
      s.put(review(BYSTANDER, 'only-from'));
      s.moveUser(FROM, TO);
      expect(s.records(FROM)).toEqual([]);
      expect(s.get(TO, 'only-from')).toEqual(review(TO, 'only-from', { reps: 2 }));
      expect(s.get(TO, 'later-from')).toEqual(
        review(TO, 'later-from', { card: '"from"', lastRating: 4, reps: 5, updatedAt: 30 }),
      );
      expect(s.get(TO, 'later-to')).toEqual(
        review(TO, 'later-to', { card: '"to"', lastRating: 1, reps: 2, updatedAt: 30 }),
      );
      expect(s.get(BYSTANDER, 'only-from')).toEqual(review(BYSTANDER, 'only-from'));
      expect(s.stats(TO, 0).total).toBe(3);
    });

    it('changes nothing when a person is moved onto themselves or has nothing', () => {
      const s = store();
      s.put(review(TO, 'a'));
      s.moveUser(TO, TO);
      s.moveUser(FROM, TO);
      expect(s.records(TO)).toEqual([review(TO, 'a')]);
    });
  });
}

/** Answers: the ledger rows and active days move; counts add up; a shared asked question keeps `to`'s. */
export function answersMoveUser(name: string, make: () => AnswerStore): void {
  const dm = chatKey('discord', '900');
  suite(`answers moveUser: ${name}`, make, (store) => {
    it('moves answers and active days, so tallies and categories add up', () => {
      const s = store();
      s.record(answer({ userKey: TO, questionId: 'q1' }));
      s.record(answer({ userKey: FROM, platform: 'discord', chatKey: dm, questionId: 'q1', correct: false }));
      s.record(answer({ userKey: FROM, platform: 'discord', chatKey: dm, questionId: 'q2' }));
      s.record(answer({ userKey: BYSTANDER, questionId: 'q1' }));
      s.markActive(FROM, '2026-03-01', 'answer');
      s.markActive(FROM, '2026-03-02', 'review');
      s.markActive(TO, '2026-03-02', 'review');
      s.moveUser(FROM, TO);
      expect(s.categories(FROM)).toEqual([]);
      expect(s.activeDays(FROM)).toEqual([]);
      expect(s.categories(TO)).toEqual([{ category: 'detection', answered: 3, correct: 2 }]);
      expect(s.activeDays(TO)).toEqual(['2026-03-01', '2026-03-02']);
      expect(s.answersIn(dm).map((a) => [a.userKey, a.platform])).toEqual([
        [TO, 'discord'],
        [TO, 'discord'],
      ]);
      expect(s.categories(BYSTANDER)).toEqual([{ category: 'detection', answered: 1, correct: 1 }]);
    });

    it('keeps the answer already counted for `to` when both answered one asked question', () => {
      const s = store();
      s.record(answer({ userKey: TO, chosen: 2, correct: false }));
      s.record(answer({ userKey: FROM, chosen: 1 }));
      s.moveUser(FROM, TO);
      expect(s.answersIn(answer().chatKey)).toEqual([answer({ userKey: TO, chosen: 2, correct: false })]);
      expect(s.forget(FROM)).toBe(0);
    });
  });
}

/** Key points: of one point `seen` and `missed` add up and the later time stays. */
export function keyPointsMoveUser(name: string, make: () => KeyPointStore): void {
  suite(`keyPoints moveUser: ${name}`, make, (store) => {
    it('adds the tallies of one point and moves the rest', () => {
      const s = store();
      s.record(
        FROM,
        'nms',
        [
          { point: 'IoU', missed: true },
          { point: 'soft', missed: true },
        ],
        5,
      );
      s.record(TO, 'nms', [{ point: 'IoU', missed: false }], 3);
      s.record(TO, 'nms', [{ point: 'IoU', missed: true }], 9);
      s.record(BYSTANDER, 'nms', [{ point: 'IoU', missed: true }], 1);
      s.moveUser(FROM, TO);
      expect(s.weakest(FROM, 10)).toEqual([]);
      expect(s.weakest(TO, 10)).toEqual([
        { entryId: 'nms', point: 'IoU', seen: 3, missed: 2, lastAt: 9 },
        { entryId: 'nms', point: 'soft', seen: 1, missed: 1, lastAt: 5 },
      ]);
      expect(s.weakest(BYSTANDER, 10)).toHaveLength(1);
    });
  });
}

/** Plans: one per person; where both have one, the one set later stays. */
export function plansMoveUser(name: string, make: () => PlanStore & ChatRows): void {
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
    it('moves a plan, and of two keeps the one set later', () => {
      const s = store();
      s.put(plan(FROM, '2026-04-01', 20));
      s.put(plan(TO, '2026-05-01', 10));
      s.moveUser(FROM, TO);
      expect(s.get(FROM)).toBeUndefined();
      expect(s.get(TO)).toEqual(plan(TO, '2026-04-01', 20));
      s.put(plan(FROM, '2026-06-01', 5));
      s.moveUser(FROM, TO);
      expect(s.get(TO)).toEqual(plan(TO, '2026-04-01', 20));
      expect(s.get(FROM)).toBeUndefined();
    });
  });
}

/** Links: accounts, codes, and linking as `moveUser` (every account of `from` joins `to`). */
export function linksContract(name: string, make: () => LinkStore): void {
  const TERM = userKey('terminal', 'alice');
  suite(`links store contract: ${name}`, make, (store) => {
    it('makes `from` and its accounts accounts of `to`, and detaches one again', () => {
      const s = store();
      expect(s.learnerOf(FROM)).toBe(FROM);
      expect(s.accountsOf(FROM)).toEqual([FROM]);
      s.moveUser(TERM, FROM);
      s.moveUser(FROM, TO);
      expect(s.learnerOf(FROM)).toBe(TO);
      expect(s.learnerOf(TERM)).toBe(TO);
      expect(s.accountsOf(TO)).toEqual([TO, FROM, TERM]);
      // The learner moves to one of its accounts (what /unlink does when the learner's key leaves).
      s.moveUser(TO, FROM);
      expect(s.accountsOf(FROM)).toEqual([FROM, TO, TERM]);
      s.detach(TO);
      expect(s.learnerOf(TO)).toBe(TO);
      expect(s.accountsOf(FROM)).toEqual([FROM, TERM]);
      s.moveChat(chatKey('telegram', '1'), chatKey('telegram', '2'));
      expect(s.accountsOf(FROM)).toEqual([FROM, TERM]);
    });

    it('keeps codes: used once, the newest unused per account, old ones dropped', () => {
      const s = store();
      const code = (c: string, user = FROM, expiresAt = 1000) => ({ code: c, user, expiresAt, usedAt: null });
      s.putCode(code('AAAAAAAAAA'), 0);
      s.putCode(code('BBBBBBBBBB', TO), 0);
      expect(s.code('AAAAAAAAAA')).toEqual(code('AAAAAAAAAA'));
      expect(s.useCode('AAAAAAAAAA', 5)).toBe(true);
      expect(s.useCode('AAAAAAAAAA', 6)).toBe(false);
      expect(s.useCode('ZZZZZZZZZZ', 6)).toBe(false);
      expect(s.code('AAAAAAAAAA')?.usedAt).toBe(5);
      // A new code drops the account's unused one, not its used one.
      s.putCode(code('CCCCCCCCCC', TO), 0);
      expect(s.code('BBBBBBBBBB')).toBeUndefined();
      s.putCode(code('DDDDDDDDDD'), 0);
      expect(s.code('AAAAAAAAAA')?.usedAt).toBe(5);
      // A day after they expired, codes go.
      s.putCode(code('EEEEEEEEEE', BYSTANDER, 10 ** 9), 1000 + 86_400_000 + 1);
      expect(s.code('AAAAAAAAAA')).toBeUndefined();
      expect(s.code('CCCCCCCCCC')).toBeUndefined();
      expect(s.code('EEEEEEEEEE')?.user).toBe(BYSTANDER);
    });
  });
}
