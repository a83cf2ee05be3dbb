/**
 * The fan-out lease over PostgreSQL: one holder at a time; released at stop or when the holder's
 * connection ends (a killed replica), after which the next replica to ask takes it.
 */
import pg from 'pg';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { Lease } from '../../src/kernel/lease.ts';
import { postgresLease } from '../../src/store/postgres-lease.ts';
import { capturedLogger } from '../core/helpers.ts';
import { describePostgres, freshPostgresUrl } from '../support/postgres.ts';

describePostgres('the fan-out lease on PostgreSQL', () => {
  let url: string;
  const leases: Lease[] = [];
  beforeAll(async () => {
    url = await freshPostgresUrl();
  });
  afterEach(async () => {
    await Promise.all(leases.splice(0).map((l) => l.release()));
  });
  const lease = () => {
    const log = capturedLogger();
    const made = postgresLease(url, log.log);
    leases.push(made);
    return { lease: made, log };
  };

  it('is held by one replica at a time, and passes on when released', async () => {
    const [a, b, c] = [lease(), lease(), lease()];
    const first = await Promise.all([a.lease.held(), b.lease.held(), c.lease.held()]);
    expect(first.filter(Boolean)).toHaveLength(1);
    const holder = [a, b, c][first.indexOf(true)];
    expect(await holder?.lease.held()).toBe(true);
    await holder?.lease.release();
    const others = [a, b, c].filter((x) => x !== holder);
    const second = [];
    for (const o of others) second.push(await o.lease.held());
    expect(second).toEqual([true, false]);
  });

  it('passes on when the holder’s connection dies, and the holder knows it lost it', async () => {
    const a = lease();
    const b = lease();
    expect(await a.lease.held()).toBe(true);
    expect(await b.lease.held()).toBe(false);
    // What a SIGKILLed replica looks like to the server: its session ends.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'dlkb fan-out lease%' AND datname = current_database() AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)",
    );
    await admin.end();
    // The backend ends (and its lock goes) a moment after it is told to.
    await vi.waitFor(async () => expect(await b.lease.held()).toBe(true), { timeout: 10_000, interval: 50 });
    expect(await a.lease.held()).toBe(false);
    expect(a.log.lines().some((l) => /lease lost/.test(String(l.msg)))).toBe(true);
  });

  it('is not held when the server cannot be reached, and says so without the password', async () => {
    const log = capturedLogger();
    const unreachable = postgresLease('postgres://dlkb:hunter2-secret@127.0.0.1:1/dlkb', log.log);
    leases.push(unreachable);
    expect(await unreachable.held()).toBe(false);
    expect(JSON.stringify(log.lines())).not.toContain('hunter2-secret');
  });
});
