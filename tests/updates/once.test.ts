/**
 * Each update handled once across replicas: two PostgreSQL stores over one database (two replicas)
 * claiming the same updates at once, and `firstDelivery` forgetting old claims about once an hour.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstDelivery, KEEP_CLAIMS_MS, PRUNE_EVERY_MS } from '../../src/features/updates/once.ts';
import { updatesPart } from '../../src/features/updates/part.ts';
import { MemoryUpdateClaims } from '../../src/features/updates/store.ts';
import { createLogger, silentLogger } from '../../src/kernel/log.ts';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres.ts';
import { describePostgres, freshPostgresUrl } from '../support/postgres.ts';

describePostgres('two replicas over one PostgreSQL database', () => {
  const parts = [updatesPart] as const;
  let replicas: PostgresStore<typeof parts>[] = [];
  beforeAll(async () => {
    const url = await freshPostgresUrl();
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
      ids.flatMap((id) => [a, b, a, b].map((r) => r.updates.claim('telegram', id, Date.now()))),
    );
    for (let i = 0; i < ids.length; i++)
      expect(tries.slice(i * 4, i * 4 + 4).filter(Boolean)).toHaveLength(1);
    // Claimed on one replica, refused on the other.
    expect(await b.updates.claim('telegram', '42:999', 1)).toBe(true);
    expect(await a.updates.claim('telegram', '42:999', 2)).toBe(false);
  });
});

describe('firstDelivery', () => {
  it('answers true once per update and prunes claims older than a day, at most once an hour', async () => {
    const claims = new MemoryUpdateClaims();
    let prunes = 0;
    const prune = claims.prune.bind(claims);
    claims.prune = (before) => {
      prunes++;
      return prune(before);
    };
    let now = 1_000_000_000;
    const first = firstDelivery({ claims, log: silentLogger(), now: () => now });
    expect(await first('telegram', '1')).toBe(true);
    expect(await first('telegram', '1')).toBe(false);
    expect(prunes).toBe(1);
    now += PRUNE_EVERY_MS - 1;
    expect(await first('telegram', '2')).toBe(true);
    expect(prunes).toBe(1);
    // A day after '1' was claimed (and an hour since the last prune): it is forgotten, '2' is not.
    now = 1_000_000_000 + KEEP_CLAIMS_MS + 1;
    expect(await first('telegram', '3')).toBe(true);
    expect(prunes).toBe(2);
    expect(await first('telegram', '2')).toBe(false);
    expect(await first('telegram', '1')).toBe(true);
  });

  it('logs a failed prune, still answers, and tries again on the next update', async () => {
    const claims = new MemoryUpdateClaims();
    let fail = true;
    claims.prune = async () => {
      if (fail) throw new Error('database is locked');
      return 0;
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
    expect(await first('telegram', '1')).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('old update claims could not be pruned');
    expect(lines[0]).toContain('database is locked');
    fail = false;
    now = 6;
    expect(await first('telegram', '2')).toBe(true);
    expect(await first('telegram', '1')).toBe(false);
    expect(lines).toHaveLength(1);
  });
});
