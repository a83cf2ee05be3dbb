/**
 * What an admin reads when PostgreSQL fails: which server (host, port, database, user; never the
 * password) and what to do. The password of `DATABASE_URL` is kept out of every message and every error
 * this creates, causes included: a driver's error is passed on as a copy with the password cut out.
 */
import { inspect } from 'node:util';
import type pg from 'pg';
import { StoreError, StoreWriteError } from './store.ts';

/** The server a pool connects to, as an admin may read it, and the secrets to keep out of text. */
export interface PostgresTarget {
  /** `postgres://user@host:port/database`, without the password. */
  readonly description: string;
  /** The password (raw and URL-encoded forms), to cut out of any text shown. */
  readonly secrets: readonly string[];
}

/** The target of a pool, from its options (connection string or fields) and libpq's environment defaults. */
export function postgresTarget(options: pg.PoolConfig): PostgresTarget {
  let host = options.host ?? process.env.PGHOST;
  let port = options.port !== undefined ? String(options.port) : process.env.PGPORT;
  let database = options.database ?? process.env.PGDATABASE;
  let user = options.user ?? process.env.PGUSER;
  const secrets: string[] = [];
  if (typeof options.password === 'string') secrets.push(options.password);
  if (process.env.PGPASSWORD) secrets.push(process.env.PGPASSWORD);
  if (options.connectionString !== undefined) {
    const url = URL.canParse(options.connectionString) ? new URL(options.connectionString) : undefined;
    if (url) {
      if (url.password) secrets.push(url.password, safeDecode(url.password));
      host = url.hostname || host;
      port = url.port || port;
      database = safeDecode(url.pathname.replace(/^\//, '')) || database;
      user = safeDecode(url.username) || user;
    } else {
      // Not a URL the admin can read back safely (it may be key=value pairs with a password): say so.
      const password = /password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/i.exec(options.connectionString)?.[1];
      if (password) secrets.push(password, password.replace(/^'|'$/g, ''));
      return {
        description: 'DATABASE_URL (not a postgres:// URL)',
        secrets: secrets.filter((x) => x.length > 0),
      };
    }
  }
  const who = user ? `${user}@` : '';
  const description = `postgres://${who}${host ?? 'localhost'}:${port ?? '5432'}/${database ?? user ?? ''}`;
  return { description: redact(description, secrets), secrets: secrets.filter((s) => s.length > 0) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `text` with every secret replaced by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}

/** A copy of a driver's error (name, message, code) with the secrets cut out, and no cause of its own. */
export function redactedCopy(error: unknown, secrets: readonly string[]): Error {
  const message = error instanceof Error ? error.message : String(error);
  const copy = new Error(redact(message, secrets));
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (typeof name === 'string') copy.name = redact(name, secrets);
  if (typeof code === 'string') Object.assign(copy, { code: redact(code, secrets) });
  return copy;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOENT',
]);

/** True when the error (or anything it holds: cause, input, …) contains one of the secrets. */
export function leaks(error: unknown, secrets: readonly string[]): boolean {
  if (secrets.length === 0) return false;
  const text = inspect(error, { depth: 10, showHidden: true });
  return secrets.some((secret) => secret.length > 0 && text.includes(secret));
}

/**
 * True when the error is about reaching the server (network, login, server going away, a DATABASE_URL
 * that does not parse), not a query.
 */
export function isConnectionError(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = error instanceof Error ? error.message : '';
  return (
    NETWORK_CODES.has(code) ||
    code === 'ERR_INVALID_URL' ||
    code.startsWith('08') ||
    code.startsWith('28') ||
    code === '3D000' ||
    code.startsWith('57P') ||
    code === '53300' ||
    /Connection terminated|timeout exceeded when trying to connect|connection error|not queryable|Client was closed|Cannot use a pool after calling end/i.test(
      message,
    )
  );
}

/** What to do about a connection failure, by its code. */
function hint(error: unknown, target: PostgresTarget): string {
  const code = String((error as { code?: unknown })?.code ?? '');
  if (code === 'ECONNREFUSED' || code === 'ENOENT')
    return 'Nothing accepts connections there: start PostgreSQL, or fix the host and port in DATABASE_URL.';
  if (code === 'ERR_INVALID_URL')
    return 'DATABASE_URL is not a valid URL: write it as postgres://user:password@host:port/database (percent-encode special characters).';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return 'The host name does not resolve: fix the host in DATABASE_URL.';
  if (code.startsWith('28'))
    return 'The server refused the login: check the user and password in DATABASE_URL (and pg_hba.conf).';
  if (code === '3D000')
    return `The database does not exist: create it (createdb), or fix the database name in DATABASE_URL (${target.description}).`;
  if (code === '53300')
    return 'The server has no free connections: raise max_connections or run fewer replicas.';
  return 'Check that PostgreSQL is running and reachable, and that DATABASE_URL is right; dlkb retries on the next request.';
}

/** The StoreError (StoreWriteError when `write`) for a failure to reach or stay connected to the server. */
export function connectionFailure(error: unknown, target: PostgresTarget, write: boolean): StoreError {
  const cause = redactedCopy(error, target.secrets);
  const code = (cause as { code?: string }).code;
  const message = `Cannot reach PostgreSQL at ${target.description} (${code ? `${code}: ` : ''}${cause.message}). ${hint(error, target)}`;
  const Kind = write ? StoreWriteError : StoreError;
  return new Kind(redact(message, target.secrets), target.description, { cause });
}

/** The StoreWriteError for a write PostgreSQL refused or that may not have reached it. */
export function writeFailure(error: unknown, target: PostgresTarget): StoreError {
  if (isConnectionError(error)) return connectionFailure(error, target, true);
  const cause = redactedCopy(error, target.secrets);
  const code = (cause as { code?: string }).code;
  return new StoreWriteError(
    redact(
      `Cannot write to ${target.description} (${code ? `${code}: ` : ''}${cause.message})`,
      target.secrets,
    ),
    target.description,
    { cause },
  );
}
