/**
 * Each part's schema version on PostgreSQL, in the table `store_parts` as on SQLite: every migration of a
 * part above its version runs in its own transaction together with the new version. Replicas starting
 * together take an advisory lock first, so one migrates and the others then find every part current.
 */
import type pg from 'pg';
import { NewerPartError } from './part-versions.ts';
import {
  connectionFailure,
  isConnectionError,
  leaks,
  type PostgresTarget,
  postgresTarget,
  redactedCopy,
} from './postgres-errors.ts';
import { type Migration, migrationSql } from './sql.ts';
import { StoreError } from './store.ts';

/** What migrating needs of a part: its name and its migrations in order. */
export interface VersionedPart {
  readonly name: string;
  readonly migrations: readonly Migration[];
}

/** The advisory lock key of dlkb's migrations (the bytes of "dlkb:mig"). */
export const MIGRATION_LOCK_KEY = '7236276770908760423';

/** One part's version in the database and the latest this build knows. */
export interface PartStatus {
  readonly name: string;
  readonly version: number;
  readonly latest: number;
}

/** Whether every part is at the version this build knows. */
export interface MigrationStatus {
  readonly current: boolean;
  readonly parts: readonly PartStatus[];
}

const CREATE_TABLE =
  'CREATE TABLE IF NOT EXISTS store_parts (name TEXT PRIMARY KEY, version INTEGER NOT NULL)';
const RECORD =
  'INSERT INTO store_parts (name, version) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET version = excluded.version';

/** The versions recorded in `store_parts`, by part name (empty when the table does not exist yet). */
async function recordedVersions(client: pg.Pool | pg.PoolClient): Promise<Map<string, number>> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('store_parts') AS t");
  if (!exists.rows[0]?.t) return new Map();
  const rows = await client.query<{ name: string; version: number }>('SELECT name, version FROM store_parts');
  return new Map(rows.rows.map((r) => [r.name, Number(r.version)]));
}

/** The StoreError for whatever failed: a connection failure says what to do; a newer part refuses. */
function failure(error: unknown, target: PostgresTarget): unknown {
  if (error instanceof NewerPartError)
    return new StoreError(
      `${target.description} was written by a newer dlkb (${error.message}). Run the newer dlkb, or point DATABASE_URL at another database.`,
      target.description,
    );
  if (isConnectionError(error) || leaks(error, target.secrets)) return connectionFailure(error, target, true);
  if (error instanceof StoreError) return error;
  const cause = redactedCopy(error, target.secrets);
  return new StoreError(`Cannot migrate ${target.description}: ${cause.message}`, target.description, {
    cause,
  });
}

/** Runs each part's missing migrations on `client`, which holds the migration lock. */
async function migrateOn(client: pg.PoolClient, parts: readonly VersionedPart[]): Promise<void> {
  await client.query(CREATE_TABLE);
  const recorded = await recordedVersions(client);
  for (const part of parts) {
    const from = recorded.get(part.name) ?? 0;
    if (from > part.migrations.length) throw new NewerPartError(part.name, from, part.migrations.length);
  }
  for (const part of parts) {
    const from = recorded.get(part.name) ?? 0;
    if (!recorded.has(part.name)) await client.query(RECORD, [part.name, 0]);
    for (const [j, migration] of part.migrations.slice(from).entries()) {
      await client.query('BEGIN');
      try {
        await client.query(migrationSql(migration, 'postgres'));
        await client.query(RECORD, [part.name, from + j + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    }
  }
}

/**
 * Brings every part to its latest version, under an advisory lock so that replicas starting together
 * migrate once. Nothing is migrated when any part is newer than this build knows.
 * @throws StoreError naming the server (never the password) and what to do: it cannot be reached, a
 *   migration failed (that part stays at its last complete version), or it was written by a newer dlkb
 */
export async function migratePostgres(pool: pg.Pool, parts: readonly VersionedPart[]): Promise<void> {
  const target = postgresTarget(pool.options);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw failure(error, target);
  }
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrateOn(client, parts);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch((e: Error) => {
        broken = e;
      });
    }
  } catch (error) {
    if (isConnectionError(error)) broken ??= error as Error;
    throw failure(error, target);
  } finally {
    // A client whose unlock failed may still hold the lock: it is closed rather than reused.
    client.release(broken ?? false);
  }
}

/** Each part's version in the database against the latest this build knows (for a health check). */
export async function postgresMigrationStatus(
  pool: pg.Pool,
  parts: readonly VersionedPart[],
): Promise<MigrationStatus> {
  let recorded: Map<string, number>;
  try {
    recorded = await recordedVersions(pool);
  } catch (error) {
    throw failure(error, postgresTarget(pool.options));
  }
  const statuses = parts.map((part) => ({
    name: part.name,
    version: recorded.get(part.name) ?? 0,
    latest: part.migrations.length,
  }));
  return { current: statuses.every((s) => s.version === s.latest), parts: statuses };
}
