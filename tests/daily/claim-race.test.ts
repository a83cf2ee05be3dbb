/**
 * Exactly-once delivery records across replicas: two daily stores over the same PostgreSQL schema (as two
 * processes sharing DATABASE_URL) race to claim the same delivery, each inside a transaction of its own
 * as `deliver.ts` claims, and exactly one of them wins every time: recording it (`insertDelivery`) and
 * moving it on from a status (`updateDelivery`).
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, expect, it } from 'vitest';
import { dailyPart } from '../../src/features/daily/part.ts';
import type { DailyStore, Delivery, DeliveryKey } from '../../src/features/daily/store.ts';
import type { SqlDatabase } from '../../src/store/sql.ts';
import { delivery as contractDelivery } from '../store/contract/daily.ts';
import { replicasOnOneSchema } from '../store/engines.ts';
import { describePostgres } from '../support/postgres.ts';

const ROUNDS = 50;
const POOL_SIZE = 8;

/** One process's view: its own pool on the shared schema, its SqlDatabase and its daily store. */
interface Replica {
  readonly name: string;
  readonly db: SqlDatabase;
  readonly daily: DailyStore;
}

/** Two replicas over one fresh schema, both migrating it at once (the advisory lock lets one do it). */
async function twoReplicasOnOneSchema(): Promise<[Replica, Replica]> {
  const [a, b] = (await replicasOnOneSchema([dailyPart], { poolSize: POOL_SIZE })) as [
    SqlDatabase,
    SqlDatabase,
  ];
  return [
    { name: 'a', db: a, daily: dailyPart.sql(a) },
    { name: 'b', db: b, daily: dailyPart.sql(b) },
  ];
}

/** The delivery record of `key`, as the daily contract builds it. */
const delivery = (key: DeliveryKey, over: Partial<Delivery> = {}): Delivery =>
  contractDelivery(key.chatKey, key.slot, { kind: key.kind, ...over });

/** The replicas, each starting every other race first. */
const inTurn = (replicas: readonly Replica[], i: number): readonly Replica[] =>
  i % 2 === 0 ? replicas : [...replicas].reverse();

/**
 * Runs `claim` on both replicas at once (each after a random moment, so that either may come first),
 * inside a transaction each that lingers a little after the claim; the names of those that won.
 */
async function race(
  replicas: readonly Replica[],
  claim: (r: Replica) => Promise<boolean>,
): Promise<string[]> {
  const results = await Promise.all(
    replicas.map((r) =>
      r.db.transaction(async () => {
        await sleep(Math.random() * 3);
        const won = await claim(r);
        // Held open a moment, as a claim that goes on to pick the question: the other waits on the row.
        await sleep(Math.random() * 5);
        return won;
      }),
    ),
  );
  return replicas.filter((_, i) => results[i]).map((r) => r.name);
}

describePostgres('daily delivery claims by two replicas on one PostgreSQL schema', () => {
  let replicas: [Replica, Replica];
  beforeAll(async () => {
    replicas = await twoReplicasOnOneSchema();
    // Every connection of both pools open before the races, so that neither starts them behind.
    await Promise.all(
      replicas.flatMap((r) => Array.from({ length: POOL_SIZE }, () => r.db.transaction(() => sleep(50)))),
    );
  });

  it(`records a delivery for exactly one of them, ${ROUNDS} races out of ${ROUNDS}`, async () => {
    const keys = Array.from({ length: ROUNDS }, (_, i) => ({
      chatKey: `telegram:${i}`,
      slot: '2026-12-02',
      kind: 'post' as const,
    }));
    const winners = await Promise.all(
      keys.map((key, i) =>
        race(inTurn(replicas, i), (r) => r.daily.insertDelivery(delivery(key, { entryId: r.name }))),
      ),
    );
    for (const [i, key] of keys.entries()) {
      expect(winners[i]).toHaveLength(1);
      // The record is the winner's own.
      expect((await replicas[0].daily.getDelivery(key))?.entryId).toBe(winners[i]?.[0]);
    }
    // Both won some: the races were not all decided by one replica always coming first.
    expect(new Set(winners.flat())).toEqual(new Set(['a', 'b']));
  });

  it(`moves a delivery from retry to sending for exactly one of them, ${ROUNDS} races out of ${ROUNDS}`, async () => {
    const keys = Array.from({ length: ROUNDS }, (_, i) => ({
      chatKey: `discord:${i}`,
      slot: '2026-12-02',
      kind: 'reveal' as const,
    }));
    for (const key of keys)
      await replicas[0].daily.insertDelivery(delivery(key, { status: 'retry', nextAttemptAt: 900 }));
    const winners = await Promise.all(
      keys.map((key, i) =>
        race(inTurn(replicas, i), (r) =>
          r.daily.updateDelivery(key, ['due', 'retry'], {
            status: 'sending',
            attempts: 2,
            nextAttemptAt: null,
            error: `claimed by ${r.name}`,
          }),
        ),
      ),
    );
    for (const [i, key] of keys.entries()) {
      expect(winners[i]).toHaveLength(1);
      expect(await replicas[1].daily.getDelivery(key)).toMatchObject({
        status: 'sending',
        attempts: 2,
        error: `claimed by ${winners[i]?.[0]}`,
      });
    }
  });

  it('advances a chat’s rotation once per claim when both pick its next question at once', async () => {
    const chat = 'telegram:rotation';
    const order = Array.from({ length: ROUNDS }, (_, i) => `e${i}`);
    await replicas[0].daily.putRotation(chat, { round: 1, category: null, order, position: 0 });
    const picked: string[] = [];
    // Each replica claims half the slots, all at once: read the position, pick, write it back.
    await Promise.all(
      Array.from({ length: ROUNDS }, (_, i) => replicas[i % 2]).map((r) =>
        r?.db.transaction(async () => {
          const rotation = await r.daily.getRotation(chat);
          if (!rotation) throw new Error('the rotation is gone');
          await sleep(Math.random() * 3);
          picked.push(rotation.order[rotation.position] ?? '');
          await r.daily.putRotation(chat, { ...rotation, position: rotation.position + 1 });
        }),
      ),
    );
    expect((await replicas[1].daily.getRotation(chat))?.position).toBe(ROUNDS);
    expect(new Set(picked).size).toBe(ROUNDS);
  });
});
