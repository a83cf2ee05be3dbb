/**
 * The service's store on PostgreSQL (`DATABASE_URL`): opened and migrated for every part, a lease for
 * the fan-out, and the health check saying whether the server answers and every part is current.
 */
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { type OpenedStore, openServiceStore, storeCheck } from '../../src/ops/store.ts';
import { capturedLogger } from '../core/helpers.ts';
import { describePostgres, freshPostgresUrl } from '../support/postgres.ts';

describePostgres('the service store on PostgreSQL', () => {
  const opened: OpenedStore[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.lease?.release();
      await o.store.close();
    }
  });

  it('opens every part on DATABASE_URL; healthy while reachable and current, else says why', async () => {
    const url = await freshPostgresUrl();
    const store = await openServiceStore(parseConfig({ DATABASE_URL: url }), capturedLogger().log);
    opened.push(store);
    expect(store.kind).toBe('postgres');
    expect(await store.lease?.held()).toBe(true);
    const check = storeCheck(store);
    expect(await check.check()).toBeNull();
    await store.store.reviews.put({
      userKey: 'telegram:1',
      entryId: 'dropout',
      card: '{}',
      due: 1,
      reps: 1,
      lastRating: 3,
      updatedAt: 1,
    });
    expect(await store.store.reviews.stats('telegram:1', 2)).toEqual({ total: 1, due: 1, nextDue: null });

    // A part behind this build's version (another replica's older build migrated it): not healthy.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("UPDATE store_parts SET version = version - 1 WHERE name = 'reviews'");
    await admin.end();
    expect(await check.check()).toMatch(/^database migrations not current \(reviews \d+\/\d+\)$/);

    await store.store.close();
    expect(await check.check()).toMatch(/^database unreachable/);
  });

  it('refuses to start on a server it cannot reach, naming it without the password', async () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://dlkb:hunter2-pass@127.0.0.1:1/dlkb' });
    const error = await openServiceStore(config, capturedLogger().log).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/127\.0\.0\.1:1/);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('hunter2-pass');
  });
});
