/**
 * Three replicas on one PostgreSQL database against the fake Bot API: every chat's daily question is
 * due at once, the replica holding the fan-out lease is SIGKILLed part-way, and the others carry on.
 * No chat gets its question twice; a chat without it is one whose send the killed replica had begun
 * (recorded `unknown`, never repeated: the interrupted-send rule); the fake's limit is never exceeded.
 */
import { afterEach, expect, it } from 'vitest';
import { until } from '../bench/quiz-check.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { describePostgres, freshPostgresUrl } from '../support/postgres.ts';
import {
  deliveryStatuses,
  leaseHolder,
  peakRate,
  type Replica,
  seedChats,
  startReplica,
  tally,
} from './cluster.ts';

const CHATS = 300;
const LIMIT = 150;

describePostgres('replicas sharing PostgreSQL', () => {
  const running: Replica[] = [];
  let fake: FakeTelegram | undefined;
  afterEach(async () => {
    for (const r of running.splice(0)) r.child.kill('SIGKILL');
    await fake?.close();
  });

  it('post each due question once across a SIGKILL of the sending replica, within the send limit', async () => {
    fake = await FakeTelegram.start({ messagesPerSecond: LIMIT });
    const url = await freshPostgresUrl();
    const ids = Array.from({ length: CHATS }, (_, i) => String(5_000_000 + i));
    await seedChats(url, ids);
    // Paced at 0.9 of the limit: on a loaded machine the in-process fake reads requests in clumps, and
    // counts them by when it read them.
    const args = { url, apiRoot: fake.apiRoot, token: fake.token, limit: LIMIT, pace: 0.9 };
    running.push(...(await Promise.all([1, 2, 3].map(() => startReplica(args)))));
    const sent = () => fake?.callsOf('sendMessage').filter((c) => c.ok).length ?? 0;
    await until(() => sent() >= CHATS / 3, 'a third of the posts', 60_000);
    const holder = await leaseHolder(url);
    const victim = running.find((r) => r.pid === holder);
    expect(victim).toBeDefined();
    victim?.child.kill('SIGKILL');
    const killedAt = sent();
    // The others take the lease at their next tick (every second here) and post the rest.
    await until(
      async () => {
        const statuses = await deliveryStatuses(url);
        return (statuses.sent ?? 0) + (statuses.unknown ?? 0) === CHATS && statuses.sending === undefined;
      },
      'every chat posted or recorded as interrupted',
      60_000,
    );
    const statuses = await deliveryStatuses(url);
    const { duplicates, missed } = tally(fake, ids);
    expect(killedAt).toBeLessThan(CHATS);
    expect(duplicates).toBe(0);
    expect(missed).toBeLessThanOrEqual(statuses.unknown ?? 0);
    expect(statuses.sent).toBeGreaterThanOrEqual(CHATS - (statuses.unknown ?? 0));
    expect(peakRate(fake).rejected429).toBe(0);
  }, 120_000);
});
