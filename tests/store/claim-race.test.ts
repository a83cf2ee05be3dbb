/**
 * Replicas over one PostgreSQL database race for the same claims: two stores (a pool each, as two
 * processes have) over one schema claim the same round question, open the same closing and close it,
 * all at once, 30 times; exactly one claim wins each time and the winner's write is the one kept.
 */

import { beforeAll, expect, it } from 'vitest';
import { closingsPart } from '../../src/features/mcq/closing-part.ts';
import type { Closing, ClosingStore } from '../../src/features/mcq/closings.ts';
import { roundsPart } from '../../src/features/round/part.ts';
import type { RoundRecord, RoundStore } from '../../src/features/round/store.ts';
import { chatKey } from '../../src/kernel/identity.ts';
import type { SqlDatabase } from '../../src/store/sql.ts';
import { describePostgres } from '../support/postgres.ts';
import { replicasOnOneSchema } from './engines.ts';

const T0 = Date.parse('2026-03-04T04:00:00Z');
const TIMES = 30;
/** Claims each store makes at once: with two stores, four contenders per claim. */
const PER_STORE = 2;
const CHAT = chatKey('telegram', '-100');

/** What one replica sees: its pool and its stores of the two parts. */
interface Replica {
  rounds: RoundStore;
  closings: ClosingStore;
}

/** A replica: a pool of its own over `schema` of the database at `url`, migrated (concurrently with the others). */
/** A replica's stores over its own pool on the shared schema. */
function replica(db: SqlDatabase): Replica {
  return { rounds: roundsPart.sql(db), closings: closingsPart.sql(db) };
}

/** Runs `claim` PER_STORE times on each replica at once; returns the contender number of each winner. */
async function race(
  replicas: readonly Replica[],
  claim: (r: Replica, contender: number) => Promise<boolean>,
): Promise<number[]> {
  const contenders = replicas.flatMap((r, i) =>
    Array.from({ length: PER_STORE }, (_, j) => ({ r, n: i * PER_STORE + j })),
  );
  const won = await Promise.all(contenders.map(({ r, n }) => claim(r, n)));
  return contenders.filter((_, i) => won[i]).map(({ n }) => n);
}

function round(): RoundRecord {
  return {
    chatKey: CHAT,
    platform: 'telegram',
    chatId: '-100',
    starter: { id: '7', name: 'Ann' },
    locale: 'en',
    settings: { count: TIMES, seconds: 10 },
    questions: Array.from({ length: TIMES }, (_, i) => ({ entryId: `e${i}`, item: 0, order: i })),
    posted: 0,
    startedAt: T0,
    nextAt: T0,
  };
}

function closing(questionId: string, contender: number): Closing {
  return {
    chatKey: CHAT,
    questionId,
    kind: 'round',
    platform: 'telegram',
    chatId: '-100',
    entryId: 'nms',
    item: 0,
    order: contender,
    sentAt: T0,
    locale: 'en',
    title: null,
    owner: null,
    messageId: null,
    closeAt: null,
    shownAt: null,
  };
}

describePostgres('claims raced by two replicas over one PostgreSQL database', () => {
  let replicas: Replica[] = [];

  beforeAll(async () => {
    replicas = (await replicasOnOneSchema([roundsPart, closingsPart])).map(replica);
  });

  it('claims each question of a round exactly once, keeping the winner’s record', async () => {
    const [first] = replicas as [Replica];
    expect(await first.rounds.start(round())).toBe(true);
    const winners: number[] = [];
    for (let i = 0; i < TIMES; i++) {
      const won = await race(replicas, (r, n) =>
        r.rounds.claim(CHAT, i, T0 + i * 100 + n, T0 + i * 100 + 10),
      );
      expect(won, `question ${i}`).toHaveLength(1);
      winners.push(won[0] as number);
    }
    const stored = await first.rounds.get(CHAT);
    expect(stored?.posted).toBe(TIMES);
    expect(stored?.questions.map((q) => q.sentAt)).toEqual(winners.map((n, i) => T0 + i * 100 + n));
    // Every claim lost once all are taken.
    expect(await race(replicas, (r) => r.rounds.claim(CHAT, TIMES - 1, T0, T0))).toEqual([]);
  });

  it('opens each closing exactly once and closes it exactly once', async () => {
    const [first] = replicas as [Replica];
    for (let i = 0; i < TIMES; i++) {
      const opened = await race(replicas, (r, n) => r.closings.open(closing(`q${i}`, n)));
      expect(opened, `opening q${i}`).toHaveLength(1);
      expect((await first.closings.get(CHAT, `q${i}`))?.order).toBe(opened[0]);
      const closed = await race(replicas, (r) => r.closings.close(CHAT, `q${i}`, T0 + 10_000));
      expect(closed, `closing q${i}`).toHaveLength(1);
    }
    expect(await first.closings.closeChat(CHAT, 'round', T0 + 10_000)).toBe(0);
  });
});
