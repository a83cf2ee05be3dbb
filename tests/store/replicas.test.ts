/**
 * Two replicas over one PostgreSQL database (two pools, as two processes would have): a quiz press both
 * record at once counts once, a link code both redeem at once works once, and a plan merged while the
 * other replica merges it too ends as one merge would leave it.
 */

import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linksPart } from '../../src/features/link/part.ts';
import { plansPart } from '../../src/features/plan/part.ts';
import { answersPart } from '../../src/features/scores/part.ts';
import { userKey } from '../../src/kernel/identity.ts';
import { migratePostgres } from '../../src/store/postgres-migrate.ts';
import { postgresSql } from '../../src/store/postgres-sql.ts';
import { describePostgres, freshPostgresUrl } from '../support/postgres.ts';
import { answer } from './contract/answers.ts';

const PARTS = [answersPart, linksPart, plansPart];

describePostgres('two replicas over one PostgreSQL database', () => {
  const pools: pg.Pool[] = [];
  /** One replica's stores of the three parts. */
  const replica = (pool: pg.Pool) => {
    const db = postgresSql(pool);
    return { answers: answersPart.sql?.(db), links: linksPart.sql?.(db), plans: plansPart.sql?.(db) };
  };
  let a: ReturnType<typeof replica>;
  let b: ReturnType<typeof replica>;

  beforeAll(async () => {
    const url = await freshPostgresUrl();
    for (let i = 0; i < 2; i++) pools.push(new pg.Pool({ connectionString: url, max: 8 }));
    await Promise.all(pools.map((pool) => migratePostgres(pool, PARTS)));
    [a, b] = pools.map(replica) as [ReturnType<typeof replica>, ReturnType<typeof replica>];
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
  });

  it('records a press both replicas got at once exactly once', async () => {
    for (let q = 0; q < 10; q++) {
      const press = answer({ questionId: `race-${q}` });
      const recorded = await Promise.all(
        [a, b, a, b, a, b].map((r, i) => r.answers?.record({ ...press, chosen: i })),
      );
      expect(recorded.filter(Boolean)).toHaveLength(1);
      const kept = await b.answers?.answerOf(press.chatKey, press.userKey, press.questionId);
      expect(kept?.chosen).toBe(recorded.indexOf(true));
    }
  });

  it('lets a link code work once when both replicas redeem it at once', async () => {
    const user = userKey('telegram', '1');
    for (let n = 0; n < 10; n++) {
      const code = `RACE${String(n).padStart(6, '0')}`;
      await a.links?.putCode({ code, user, expiresAt: 10_000, usedAt: null }, 0);
      const used = await Promise.all([a, b, a, b].map((r, i) => r.links?.useCode(code, 100 + i)));
      expect(used.filter(Boolean)).toHaveLength(1);
      expect((await b.links?.code(code))?.usedAt).toBe(100 + used.indexOf(true));
    }
  });

  it('leaves a plan as one merge would when both replicas merge the same person at once', async () => {
    const from = userKey('discord', '9');
    const to = userKey('telegram', '9');
    const plan = { date: '2026-04-01', categories: ['ml'], cap: 30, day: '', done: 0, introduced: 0 };
    await a.plans?.put({ ...plan, userKey: from, createdAt: 20 });
    await a.plans?.put({ ...plan, userKey: to, date: '2026-05-01', createdAt: 10 });
    await Promise.all([a.plans?.moveUser(from, to), b.plans?.moveUser(from, to)]);
    expect(await b.plans?.get(from)).toBeUndefined();
    expect(await b.plans?.get(to)).toEqual({ ...plan, userKey: to, createdAt: 20 });
  });
});
