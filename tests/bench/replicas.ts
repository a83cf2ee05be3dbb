/**
 * `npm run bench:replicas`: dlkb as three replicas on one PostgreSQL database (a throwaway server, as the
 * tests start it), against the fake Bot API enforcing a global send limit. 2,000 chats are due at one
 * minute; the replica holding the fan-out lease is SIGKILLed a third of the way through. Prints
 * duplicates (target 0), missed chats (target 0; a chat whose send the killed replica had begun is
 * recorded `unknown` and never repeated, and is counted apart), the combined peak send rate against the
 * limit, and how long the hand-over took. Then the store's throughput: answers recorded per second on
 * SQLite and on PostgreSQL, one at a time and 16 at once.
 *
 * Options: `--chats N` (2000), `--limit N` messages/s (100), `--answers N` (5000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openAppPostgresStore, openAppStore } from '../../src/app/store.ts';
import type { Store } from '../../src/features/parts.ts';
import { userKey } from '../../src/kernel/identity.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import {
  deliveryStatuses,
  leaseHolder,
  peakRate,
  seedChats,
  startReplica,
  tally,
} from '../replicas/cluster.ts';
import { answer } from '../store/contract/answers.ts';
import { findPostgresBin, startPostgres } from '../support/postgres-server.ts';
import { until } from './quiz-check.ts';
import { quantile } from './stats.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CHATS = arg('chats', 2000);
const LIMIT = arg('limit', 100);
const ANSWERS = arg('answers', 5000);

/** A fresh database on the server at `admin`. */
async function database(admin: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Three replicas, one killed mid fan-out. */
async function fanOut(url: string): Promise<void> {
  const fake = await FakeTelegram.start({ messagesPerSecond: LIMIT });
  const ids = Array.from({ length: CHATS }, (_, i) => String(7_000_000 + i));
  await seedChats(url, ids);
  const args = { url, apiRoot: fake.apiRoot, token: fake.token, limit: LIMIT };
  const replicas = await Promise.all([1, 2, 3].map(() => startReplica(args)));
  const sent = () => fake.callsOf('sendMessage').filter((c) => c.ok);
  try {
    await until(() => sent().length >= CHATS / 3, 'a third of the posts', 600_000);
    const holder = await leaseHolder(url);
    const victim = replicas.find((r) => r.pid === holder);
    if (!victim) throw new Error('no replica holds the lease');
    const before = sent().length;
    victim.child.kill('SIGKILL');
    await until(() => sent().length > before + 8, 'the next replica sending', 120_000);
    await until(
      async () => {
        const s = await deliveryStatuses(url);
        return (s.sent ?? 0) + (s.unknown ?? 0) === CHATS && s.sending === undefined;
      },
      'every chat posted or recorded as interrupted',
      600_000,
    );
    const statuses = await deliveryStatuses(url);
    const { duplicates, missed } = tally(fake, ids);
    const { peakPerSecond, rejected429 } = peakRate(fake);
    const times = sent().map((c) => c.at);
    const span = ((times[times.length - 1] ?? 0) - (times[0] ?? 0)) / 1000;
    // The hand-over is the longest silence: from the killed holder's last post to the next holder's first.
    const longestGap = Math.max(...times.slice(1).map((t, i) => t - (times[i] ?? t)));
    console.log(
      `fan-out: ${CHATS} chats, 3 replicas, lease holder SIGKILLed after ${before} posts\n` +
        `  duplicates ${duplicates} (target 0)  missed ${missed} (target 0; ${statuses.unknown ?? 0} recorded unknown by the interrupted-send rule)\n` +
        `  sent ${statuses.sent ?? 0}  peak ${peakPerSecond}/s of the limit ${LIMIT}/s  429s ${rejected429}  mean ${((times.length - 1) / span).toFixed(0)}/s over ${span.toFixed(1)} s\n` +
        `  hand-over: ${(longestGap / 1000).toFixed(2)} s without posts (replicas tick every second here, every minute in production)`,
    );
  } finally {
    for (const r of replicas) r.child.kill('SIGKILL');
    await fake.close();
  }
}

/** Answers recorded per second, `concurrency` at a time. */
async function throughput(store: Store, concurrency: number, tag: string): Promise<string> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < ANSWERS; i = next++) {
      const t0 = performance.now();
      await store.answers.record(
        answer({ userKey: userKey('telegram', String(i % 500)), questionId: `${tag}-${i}`, answeredAt: i }),
      );
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const rate = ANSWERS / ((performance.now() - started) / 1000);
  return `${rate.toFixed(0)}/s (latency p50 ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms)`;
}

async function main(): Promise<void> {
  const bin = process.env.DLKB_TEST_DATABASE_URL ? undefined : findPostgresBin();
  const server = bin ? await startPostgres(bin) : undefined;
  const admin = process.env.DLKB_TEST_DATABASE_URL ?? server?.url;
  if (!admin) throw new Error('no PostgreSQL: install the postgresql package or set DLKB_TEST_DATABASE_URL');
  const dir = mkdtempSync(join(tmpdir(), 'dlkb-bench-replicas-'));
  try {
    await fanOut(await database(admin, `bench_fanout_${process.pid}`));
    const sqlite = openAppStore(dir);
    const postgres = await openAppPostgresStore(await database(admin, `bench_store_${process.pid}`));
    for (const concurrency of [1, 16]) {
      console.log(`answers recorded, ${concurrency} at a time (${ANSWERS}):`);
      console.log(`  SQLite      ${await throughput(sqlite, concurrency, `s${concurrency}`)}`);
      console.log(`  PostgreSQL  ${await throughput(postgres, concurrency, `p${concurrency}`)}`);
    }
    await sqlite.close();
    await postgres.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  }
}

await main();
