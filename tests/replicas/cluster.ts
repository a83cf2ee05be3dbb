/**
 * Several dlkb replicas on one PostgreSQL database, each a child process with the real Telegram adapter
 * (webhook mode, the replicas' mode) against one fake Bot API that enforces a global send limit. Used by
 * the end-to-end test (tests/replicas/replicas.test.ts, a few hundred chats) and `npm run bench:replicas`
 * (2,000 chats). Every chat's daily question is due at 00:00 UTC, so all are due at once whenever this
 * runs; one replica holds the fan-out lease and is SIGKILLed part-way, and the others carry on.
 *
 * The child is this file run with `--replica <json>`: it opens the PostgreSQL store, ticks every second
 * (instead of every minute) and serves until killed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startTelegram } from '../../src/adapters/telegram/index.ts';
import { Router } from '../../src/app/router.ts';
import { createServices } from '../../src/app/services.ts';
import { openAppPostgresStore } from '../../src/app/store.ts';
import { loadCommands } from '../../src/kernel/load-commands.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { postgresLease } from '../../src/store/postgres-lease.ts';
import { dueNow } from '../daily/helpers.ts';
import type { FakeTelegram } from '../fakes/telegram.ts';

/** What a replica child is told. */
interface ReplicaArgs {
  url: string;
  apiRoot: string;
  token: string;
  /** The fake's messages per second: the replicas pace a little under it, together. */
  limit: number;
  /** The share of `limit` the replicas pace at (default 0.96). */
  pace?: number;
}

/** The child: one replica, serving until it is killed. */
async function replica(args: ReplicaArgs): Promise<void> {
  const log = silentLogger();
  const store = await openAppPostgresStore(args.url, 4);
  const telegram = {
    perSecond: args.limit * (args.pace ?? 0.96),
    burst: Math.max(2, Math.floor(args.limit / 50)),
    concurrency: 16,
  };
  const services = createServices({
    store,
    log,
    daily: { lanes: { telegram }, lease: postgresLease(args.url, log), cron: '* * * * * *' },
  });
  const router = new Router(await loadCommands(), services);
  const webhook = { url: 'http://127.0.0.1/telegram', port: 0, secret: 'replica-test-secret' };
  const adapter = await startTelegram({ router, token: args.token, apiRoot: args.apiRoot, log, webhook });
  const daily = services.daily;
  if (!daily) throw new Error('no scheduler');
  daily.attach(adapter);
  await daily.start();
  process.stdout.write(`ready ${process.pid}\n`);
}

if (process.argv[2] === '--replica') {
  replica(JSON.parse(process.argv[3] ?? '{}') as ReplicaArgs).catch((error: unknown) => {
    process.stderr.write(`replica failed: ${String(error)}\n`);
    process.exit(1);
  });
}

/** Subscribes `ids` (Telegram chat ids) to the daily question at 00:00 UTC. */
export async function seedChats(url: string, ids: readonly string[]): Promise<void> {
  const store = await openAppPostgresStore(url, 2);
  await store.transaction(async () => {
    for (const chatId of ids) await store.daily.putSubscription(dueNow(chatId));
  });
  await store.close();
}

/** A running replica child. */
export interface Replica {
  readonly child: ChildProcess;
  readonly pid: number;
}

/** Starts one replica child; resolves once it serves. */
export function startReplica(args: ReplicaArgs): Promise<Replica> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--replica', JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready (\d+)/.exec(out);
      if (ready) resolve({ child, pid: Number(ready[1]) });
    });
    child.on('exit', (code) => reject(new Error(`replica exited with ${code} before serving`)));
  });
}

/** The pid of the replica holding the fan-out lease (from its connection's application name), if any. */
export async function leaseHolder(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
       WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE 'dlkb fan-out lease %'
         AND a.datname = current_database()`,
    );
    const pid = Number(rows[0]?.name.split(' ').pop());
    return Number.isInteger(pid) ? pid : undefined;
  } finally {
    await client.end();
  }
}

/** The delivery records' statuses, counted. */
export async function deliveryStatuses(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: string }>(
      "SELECT status, COUNT(*) AS n FROM daily_deliveries WHERE kind = 'post' GROUP BY status",
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  } finally {
    await client.end();
  }
}

/** Posts per chat as the fake received them: duplicates and chats that got none. */
export function tally(fake: FakeTelegram, ids: readonly string[]): { duplicates: number; missed: number } {
  const per = new Map<string, number>();
  for (const c of fake.callsOf('sendMessage'))
    if (c.ok) per.set(String(c.payload.chat_id), (per.get(String(c.payload.chat_id)) ?? 0) + 1);
  let duplicates = 0;
  for (const n of per.values()) duplicates += Math.max(0, n - 1);
  return { duplicates, missed: ids.filter((id) => !per.has(id)).length };
}

/** The most sends the fake accepted in any one second, and how many it refused with 429. */
export function peakRate(fake: FakeTelegram): { peakPerSecond: number; rejected429: number } {
  const calls = fake.callsOf('sendMessage');
  const ok = calls.filter((c) => c.ok).map((c) => c.at);
  let peak = 0;
  let from = 0;
  for (let to = 0; to < ok.length; to++) {
    while ((ok[to] ?? 0) - (ok[from] ?? 0) >= 1000) from++;
    peak = Math.max(peak, to - from + 1);
  }
  return { peakPerSecond: peak, rejected429: calls.filter((c) => c.failure?.error_code === 429).length };
}
