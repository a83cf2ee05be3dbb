/**
 * Filing across replicas: two reports stores over the same PostgreSQL schema (as two processes sharing
 * DATABASE_URL), each with a pool of its own, file one person's reports at the same time, and the rules
 * still hold: never more than `DAILY_LIMIT` new reports a day, and reports on one entry merge into one.
 */

import { beforeAll, expect, it } from 'vitest';
import { DAILY_LIMIT, fileReport } from '../../src/features/reports/file.ts';
import { reportsPart } from '../../src/features/reports/part.ts';
import type { NewReport, ReportStore } from '../../src/features/reports/store.ts';
import { UserError } from '../../src/kernel/errors.ts';
import type { SqlDatabase } from '../../src/store/sql.ts';
import { replicasOnOneSchema } from '../store/engines.ts';
import { describePostgres } from '../support/postgres.ts';

const ROUNDS = 10;
const T0 = Date.parse('2026-03-04T04:00:00Z');
/** Two replicas' stores over one fresh schema, both migrating it at once (the lock lets one do it). */
async function twoReplicasOnOneSchema(): Promise<[ReportStore, ReportStore]> {
  const [a, b] = (await replicasOnOneSchema([reportsPart])) as [SqlDatabase, SqlDatabase];
  return [reportsPart.sql(a), reportsPart.sql(b)];
}

/** Files a report of `userKey`; what became of it: `added`, `merged`, or the refusal's message key. */
async function filing(store: ReportStore, userKey: string, over: Partial<NewReport>): Promise<string> {
  const report: NewReport = {
    entryId: 'nms',
    platform: 'telegram',
    chatKey: 'telegram:-100',
    userKey,
    text: 'threshold wrong',
    createdAt: T0,
    ...over,
  };
  try {
    return (await fileReport(store, report)).merged ? 'merged' : 'added';
  } catch (error) {
    if (error instanceof UserError) return error.key;
    throw error;
  }
}

describePostgres('filing reports on two replicas at once', () => {
  let replicas: [ReportStore, ReportStore];
  beforeAll(async () => {
    replicas = await twoReplicasOnOneSchema();
  });

  it(`files at most ${DAILY_LIMIT} new reports a day per person, however they race`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const person = `telegram:limit-${round}`;
      // Each replica files four on entries of its own, all at once: eight tries for five places.
      const results = await Promise.all(
        [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
          filing(replicas[i % 2] as ReportStore, person, { entryId: `e${i}`, createdAt: T0 + i }),
        ),
      );
      expect(results.filter((r) => r === 'added')).toHaveLength(DAILY_LIMIT);
      expect(results.filter((r) => r === 'report.rateLimited')).toHaveLength(8 - DAILY_LIMIT);
    }
    const stored = await replicas[0].list();
    expect(stored).toHaveLength(ROUNDS * DAILY_LIMIT);
  });

  it('merges reports of one person on one entry into one, keeping every text', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const person = `telegram:merge-${round}`;
      const texts = ['a', 'b', 'c', 'd'].map((t) => `${t}${round}`);
      const results = await Promise.all(
        texts.map((text, i) => filing(replicas[i % 2] as ReportStore, person, { text, createdAt: T0 + i })),
      );
      expect(results.sort()).toEqual(['added', 'merged', 'merged', 'merged']);
      const theirs = (await replicas[1].list()).filter((r) => r.userKey === person);
      expect(theirs).toHaveLength(1);
      expect(theirs[0]?.text.split('\n\n').sort()).toEqual(texts);
    }
  });
});
