/**
 * `moveUser` on every part, in memory, over SQLite and over PostgreSQL: the per-person parts against their merge
 * contracts, the others leaving their rows alone; and the assembled store's `migrateUser` over them all.
 */

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { memoryAppStore } from '../../src/app/store.ts';
import { linksPart } from '../../src/features/link/part.ts';
import { FEATURE_PARTS } from '../../src/features/parts.ts';
import { plansPart } from '../../src/features/plan/part.ts';
import { reportsPart } from '../../src/features/reports/part.ts';
import { reviewsPart } from '../../src/features/review/part.ts';
import { keyPointsPart } from '../../src/features/review/points-part.ts';
import { answersPart } from '../../src/features/scores/part.ts';
import { chatKey, userKey } from '../../src/kernel/identity.ts';
import type { StorePart } from '../../src/store/part.ts';
import { migrateParts } from '../../src/store/part-versions.ts';
import { sqlitePartStore, sqliteStoreOf } from '../../src/store/sqlite.ts';
import {
  answersMoveUser,
  keyPointsMoveUser,
  linksContract,
  plansMoveUser,
  reviewsMoveUser,
} from './contract/users.ts';
import { onEveryEngine } from './engines.ts';

onEveryEngine(reviewsPart, reviewsMoveUser);
onEveryEngine(answersPart, answersMoveUser);
onEveryEngine(keyPointsPart, keyPointsMoveUser);
onEveryEngine(plansPart, plansMoveUser);
onEveryEngine(linksPart, linksContract);

describe('moveUser on the parts that keep nothing per person', () => {
  const personal = new Set(['reviews', 'answers', 'keyPoints', 'plans', 'links', 'dailyRatings']);
  const others: StorePart[] = [...FEATURE_PARTS, reportsPart].filter((p) => !personal.has(p.name));
  it.each(others.map((p) => [p.name, p] as const))(
    '%s answers moveUser with nothing to do',
    async (_name, part) => {
      const db = new Database(':memory:');
      migrateParts(db, [part], 0);
      for (const store of [part.memory(), sqlitePartStore(db, part)]) {
        await store.moveUser(userKey('discord', '1'), userKey('telegram', '2'));
      }
    },
  );
});

describe.each([
  ['memory', () => memoryAppStore()],
  ['sqlite', () => sqliteStoreOf(new Database(':memory:'), ':memory:', FEATURE_PARTS)],
] as const)('the %s store’s migrateUser', (_name, make) => {
  it('merges every part’s rows of a person in one call and links the accounts', async () => {
    const store = make();
    const from = userKey('terminal', 'alice');
    const to = userKey('telegram', '7');
    await store.reviews.put({
      userKey: from,
      entryId: 'nms',
      card: '{}',
      due: 1,
      reps: 1,
      lastRating: 3,
      updatedAt: 1,
    });
    await store.keyPoints.record(from, 'nms', [{ point: 'IoU', missed: true }], 1);
    await store.answers.markActive(from, '2026-03-01', 'review');
    await store.quiz.remember(chatKey('terminal', 'local'), 'nms', 5);
    await store.migrateUser(from, to);
    expect((await store.reviews.get(to, 'nms'))?.reps).toBe(1);
    expect(await store.keyPoints.weakest(to, 5)).toHaveLength(1);
    expect(await store.answers.activeDays(to)).toEqual(['2026-03-01']);
    expect(await store.links.learnerOf(from)).toBe(to);
    expect(await store.reviews.records(from)).toEqual([]);
    expect(await store.quiz.recent(chatKey('terminal', 'local'))).toEqual(['nms']);
    await store.close();
  });
});
