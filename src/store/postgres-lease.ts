/**
 * The fan-out lease over PostgreSQL: a session advisory lock on a connection of its own. The server
 * releases it when that connection ends, however the process ends (SIGKILL included), so another
 * replica takes it at its next tick; no expiry to tune, no clock to trust.
 */
import pg from 'pg';
import type { Lease } from '../kernel/lease.ts';
import type { Logger } from '../kernel/log.ts';
import { postgresTarget, redact } from './postgres-errors.ts';

/** The advisory lock key of the fan-out lease (the bytes of "dlkb:fan"). */
export const FANOUT_LOCK_KEY = '7236276770908299630';

/** A lease on `url`'s fan-out lock; `log` hears when it is taken and lost (never the password). */
export function postgresLease(url: string, log: Logger, key = FANOUT_LOCK_KEY): Lease {
  let client: pg.Client | undefined;
  let holding = false;
  const secrets = postgresTarget({ connectionString: url }).secrets;
  const drop = (reason: string) => {
    if (holding)
      log.warn({ reason: redact(reason, secrets) }, 'fan-out lease lost; another replica takes it');
    holding = false;
    const old = client;
    client = undefined;
    old?.end().catch(() => {});
  };
  return {
    async held(): Promise<boolean> {
      try {
        if (!client) {
          const fresh = new pg.Client({
            connectionString: url,
            application_name: `dlkb fan-out lease ${process.pid}`,
          });
          fresh.on('error', (error) => drop(error.message));
          client = fresh;
          await fresh.connect();
        }
        if (holding) {
          // Still connected means still held: the server keeps a session lock until the session ends.
          await client.query('SELECT 1');
          return true;
        }
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key]);
        holding = rows[0]?.ok === true;
        if (holding) log.info('fan-out lease taken: this replica sends the scheduled posts');
        return holding;
      } catch (error) {
        drop(error instanceof Error ? error.message : String(error));
        return false;
      }
    },
    async release(): Promise<void> {
      const old = client;
      client = undefined;
      holding = false;
      await old?.end().catch(() => {});
    },
  };
}
