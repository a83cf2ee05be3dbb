/**
 * Each update handled once across replicas: two PostgreSQL stores over one database (two replicas)
 * claiming the same updates at once, taking over a dead replica's claim, the claims made before `done_at`
 * existed, and `firstDelivery` (staleness, marking done, forgetting old claims about once an hour).
 */
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firstDelivery,
  KEEP_CLAIMS_MS,
  PRUNE_EVERY_MS,
  STALE_CLAIM_MS,
} from '../../src/features/updates/once.ts';
import { updatesPart } from '../../src/features/updates/part.ts';
import { MemoryUpdateClaims, type UpdateClaims } from '../../src/features/updates/store.ts';
import { createLogger, silentLogger } from '../../src/kernel/log.ts';
import { migrateParts } from '../../src/store/part-versions.ts';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres.ts';
import { migratePostgres } from '../../src/store/postgres-migrate.ts';
import { postgresSql } from '../../src/store/postgres-sql.ts';
import { sqlitePartStore } from '../../src/store/sqlite.ts';
import { describePostgres, freshPostgresUrl } from '../support/postgres.ts';

/** The part as published before `done_at`: its first migration only. */
const updatesPartV1 = { ...updatesPart, migrations: updatesPart.migrations.slice(0, 1) };

/** A claim of the first schema (no `done_at`), then the part upgraded: that claim counts as done. */
async function claimsMadeBeforeDone(claims: UpdateClaims): Promise<void> {
  expect(await claims.claim('telegram', 'before', 2_000, 1_900)).toBe('done');
  expect(await claims.claim('telegram', 'after', 2_000, 1_900)).toBe('claimed');
  expect(await claims.claim('telegram', 'after', 2_001, 1_900)).toBe('busy');
}

describe('claims made before done_at existed', () => {
  it('count as done on SQLite, never taken over', async () => {
    const db = new Database(':memory:');
    migrateParts(db, [updatesPartV1], 0);
    db.prepare("INSERT INTO claimed_updates VALUES ('telegram', 'before', 1000)").run();
    migrateParts(db, [updatesPart], 0);
    await claimsMadeBeforeDone(sqlitePartStore(db, updatesPart));
    db.close();
  });
});

describePostgres('two replicas over one PostgreSQL database', () => {
  const parts = [updatesPart] as const;
  let url: string;
  let replicas: PostgresStore<typeof parts>[] = [];
  beforeAll(async () => {
    url = await freshPostgresUrl();
    // Opened together, like replicas starting at once: the migration runs once under its lock.
    replicas = await Promise.all([openPostgresStore(url, parts), openPostgresStore(url, parts)]);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
  });

  it('grant each update to exactly one of them, however the claims interleave', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `42:${1000 + i}`);
    const [a, b] = replicas;
    if (!a || !b) throw new Error('replicas not opened');
    // Every update claimed twice by each replica, all at once.
    const tries = await Promise.all(
      ids.flatMap((id) => [a, b, a, b].map((r) => r.updates.claim('telegram', id, Date.now(), 0))),
    );
    for (let i = 0; i < ids.length; i++)
      expect(tries.slice(i * 4, i * 4 + 4).filter((c) => c === 'claimed')).toHaveLength(1);
    // Claimed on one replica: busy on the other, then done once the first marked it.
    expect(await b.updates.claim('telegram', '42:999', 1, 0)).toBe('claimed');
    expect(await a.updates.claim('telegram', '42:999', 2, 0)).toBe('busy');
    await b.updates.done('telegram', '42:999', 3);
    expect(await a.updates.claim('telegram', '42:999', 4, 0)).toBe('done');
  });

  it('let exactly one of them take over a claim whose replica died', async () => {
    const [a, b] = replicas;
    if (!a || !b) throw new Error('replicas not opened');
    const ids = Array.from({ length: 20 }, (_, i) => `42:${5000 + i}`);
    // Claimed at 1 000 by a replica that died before marking them done.
    for (const id of ids) expect(await a.updates.claim('telegram', id, 1_000, 0)).toBe('claimed');
    const tries = await Promise.all(
      ids.flatMap((id) => [a, b, a, b].map((r) => r.updates.claim('telegram', id, 60_000, 30_000))),
    );
    for (let i = 0; i < ids.length; i++) {
      const four = tries.slice(i * 4, i * 4 + 4);
      expect(four.filter((c) => c === 'claimed')).toHaveLength(1);
      expect(four.filter((c) => c === 'busy')).toHaveLength(3);
    }
  });

  it('count the claims made before done_at existed as done', async () => {
    const upgraded = await freshPostgresUrl();
    const pool = new pg.Pool({ connectionString: upgraded, max: 2 });
    try {
      await migratePostgres(pool, [updatesPartV1]);
      await pool.query("INSERT INTO claimed_updates VALUES ('telegram', 'before', 1000)");
      await migratePostgres(pool, [updatesPart]);
      await claimsMadeBeforeDone(updatesPart.sql(postgresSql(pool)));
    } finally {
      await pool.end();
    }
  });
});

describe('firstDelivery', () => {
  it('grants an update once, busy until done, taken over once its claim is stale and not done', async () => {
    let now = 1_000_000_000;
    const first = firstDelivery({ claims: new MemoryUpdateClaims(), log: silentLogger(), now: () => now });
    expect(await first.claim('telegram', '1')).toBe('claimed');
    expect(await first.claim('telegram', '2')).toBe('claimed');
    await first.done('telegram', '2');
    now += STALE_CLAIM_MS - 1;
    expect(await first.claim('telegram', '1')).toBe('busy');
    expect(await first.claim('telegram', '2')).toBe('done');
    now += 2;
    // '1' was claimed over STALE_CLAIM_MS ago and never done: its replica died handling it.
    expect(await first.claim('telegram', '1')).toBe('claimed');
    expect(await first.claim('telegram', '1')).toBe('busy');
    expect(await first.claim('telegram', '2')).toBe('done');
    await first.done('telegram', '1');
    expect(await first.claim('telegram', '1')).toBe('done');
  });

  it('prunes claims older than a day, at most once an hour', async () => {
    const claims = new MemoryUpdateClaims();
    let prunes = 0;
    const prune = claims.prune.bind(claims);
    claims.prune = (before) => {
      prunes++;
      return prune(before);
    };
    let now = 1_000_000_000;
    const first = firstDelivery({ claims, log: silentLogger(), now: () => now });
    expect(await first.claim('telegram', '1')).toBe('claimed');
    await first.done('telegram', '1');
    expect(await first.claim('telegram', '1')).toBe('done');
    expect(prunes).toBe(1);
    now += PRUNE_EVERY_MS - 1;
    expect(await first.claim('telegram', '2')).toBe('claimed');
    await first.done('telegram', '2');
    expect(prunes).toBe(1);
    // A day after '1' was claimed (and an hour since the last prune): it is forgotten, '2' is not.
    now = 1_000_000_000 + KEEP_CLAIMS_MS + 1;
    expect(await first.claim('telegram', '3')).toBe('claimed');
    expect(prunes).toBe(2);
    expect(await first.claim('telegram', '2')).toBe('done');
    expect(await first.claim('telegram', '1')).toBe('claimed');
  });

  it('logs a failed prune or done, still answers, and tries the prune again on the next update', async () => {
    const claims = new MemoryUpdateClaims();
    let fail = true;
    claims.prune = async () => {
      if (fail) throw new Error('database is locked');
      return 0;
    };
    claims.done = async () => {
      throw new Error('connection reset');
    };
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ level: 'warn', destination, pretty: false });
    let now = 5;
    const first = firstDelivery({ claims, log, now: () => now });
    expect(await first.claim('telegram', '1')).toBe('claimed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('old update claims could not be pruned');
    expect(lines[0]).toContain('database is locked');
    await first.done('telegram', '1');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('update could not be marked done');
    expect(lines[1]).toContain('connection reset');
    fail = false;
    now = 6;
    expect(await first.claim('telegram', '2')).toBe('claimed');
    // Not marked done: a repeat is busy (and taken over only once stale).
    expect(await first.claim('telegram', '1')).toBe('busy');
    expect(lines).toHaveLength(2);
  });
});
