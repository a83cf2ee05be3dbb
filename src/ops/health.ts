/**
 * The operations HTTP endpoints: `GET /healthz` (200 when every check passes, 503 with the reasons
 * otherwise) and `GET /metrics` (Prometheus text). A plain node:http server, or a handler to mount on
 * another server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { redact } from '../kernel/log.ts';
import type { Metrics } from './metrics.ts';

/** One health check: resolves to null when healthy, else a short reason. */
export interface HealthCheck {
  name: string;
  check(): string | null | Promise<string | null>;
  /**
   * What this process serves of the checked part, when it can say (a platform: its Discord shards, or
   * Telegram polling or webhook); shown under `serves` by its name. Undefined: nothing to show (yet).
   */
  serves?(): Record<string, unknown> | undefined;
}

/** What the endpoints read. `checks` is read on every request, so checks added later count. */
export interface HealthOptions {
  checks: readonly HealthCheck[];
  metrics: Metrics;
  /** True once shutdown began: /healthz answers 503 so traffic drains. */
  stopping?: () => boolean;
}

/** The JSON body of /healthz. */
export interface HealthReport {
  status: 'ok' | 'unhealthy' | 'stopping';
  /** Each check's name → `ok` or the reason it failed. */
  checks: Record<string, string>;
  /**
   * Per check that says, what this replica serves: `discord` `{ shards: [0, 1], count: 2, shardStatus }`,
   * `telegram` `{ mode: 'polling' }`. Absent when no check says anything.
   */
  serves?: Record<string, Record<string, unknown>>;
}

/** What each check says it serves; a check whose `serves` throws shows nothing (its `check` speaks). */
function servedBy(checks: readonly HealthCheck[]): Record<string, Record<string, unknown>> | undefined {
  let serves: Record<string, Record<string, unknown>> | undefined;
  for (const c of checks) {
    let part: Record<string, unknown> | undefined;
    try {
      part = c.serves?.();
    } catch {
      part = undefined;
    }
    if (part !== undefined) serves = { ...serves, [c.name]: part };
  }
  return serves;
}

/** Runs every check; a check that throws fails with its (redacted) message. */
export async function healthReport(options: HealthOptions): Promise<HealthReport> {
  const checks: Record<string, string> = {};
  let ok = true;
  for (const c of options.checks) {
    let reason: string | null;
    try {
      reason = await c.check();
    } catch (error) {
      reason = redact(error instanceof Error ? error.message : String(error));
    }
    checks[c.name] = reason ?? 'ok';
    if (reason !== null) ok = false;
  }
  const serves = servedBy(options.checks);
  const more = serves ? { serves } : {};
  if (options.stopping?.()) return { status: 'stopping', checks, ...more };
  return { status: ok ? 'ok' : 'unhealthy', checks, ...more };
}

function send(res: ServerResponse, status: number, type: string, body: string, o: { head: boolean }): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(o.head ? undefined : body);
}

/**
 * A request handler for /healthz and /metrics. Returns false (and does not answer) for other paths, so
 * it can share a server with, say, a webhook.
 */
export function healthHandler(
  options: HealthOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/healthz' && path !== '/metrics') return false;
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { head: false });
      return true;
    }
    const answer =
      path === '/healthz'
        ? healthReport(options).then((r) => {
            const status = r.status === 'ok' ? 200 : 503;
            send(res, status, 'application/json; charset=utf-8', `${JSON.stringify(r)}\n`, { head });
          })
        : options.metrics.registry.metrics().then((text) => {
            send(res, 200, options.metrics.registry.contentType, text, { head });
          });
    answer.catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n', { head });
      else res.destroy(error instanceof Error ? error : undefined);
    });
    return true;
  };
}

/** A listening health server. */
export interface HealthServer {
  /** The port it listens on (the real one when started with port 0). */
  readonly port: number;
  readonly server: Server;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts the endpoints on their own server; rejects when the port cannot be bound. */
export async function startHealthServer(
  options: HealthOptions & { port: number; host?: string },
): Promise<HealthServer> {
  const handle = healthHandler(options);
  const server = createServer((req, res) => {
    if (!handle(req, res))
      send(res, 404, 'text/plain; charset=utf-8', 'not found\n', { head: req.method === 'HEAD' });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
