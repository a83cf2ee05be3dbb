/**
 * The throwaway PostgreSQL server of the tests (tests/support/postgres-server.ts): it listens on 127.0.0.1
 * only with fsync off and its socket in its temp folder, `stop()` leaves nothing behind, and a server whose
 * test run is killed dies with it (its folder is swept by the next run). Skipped, with the reason in its
 * title, on a machine without PostgreSQL binaries.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { findPostgresBin, type RunningPostgres, startPostgres } from '../support/postgres-server.ts';

const bin = findPostgresBin();
const suite = bin ? describe : describe.skip;
const title = 'throwaway PostgreSQL server';

/** The answers of `SHOW <setting>` for each setting, on `url`. */
async function show(url: string, settings: readonly string[]): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const shown: Record<string, string> = {};
    for (const s of settings) shown[s] = (await client.query(`SHOW ${s}`)).rows[0]?.[s];
    return shown;
  } finally {
    await client.end();
  }
}

/** Whether a server answers on `url`. */
async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  // A server shutting down ends a fresh connection with an error event (57P01), not an answer.
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

suite(bin ? title : `${title} (skipped: initdb not found; install the postgresql package)`, () => {
  it('listens on 127.0.0.1 only, fsync off, socket in its temp folder; stop() deletes that folder', async () => {
    const server: RunningPostgres = await startPostgres(bin ?? '');
    const shown = await show(server.url, [
      'listen_addresses',
      'fsync',
      'data_directory',
      'unix_socket_directories',
    ]);
    expect(shown.listen_addresses).toBe('127.0.0.1');
    expect(shown.fsync).toBe('off');
    const folder = dirname(shown.data_directory ?? '');
    expect(shown.unix_socket_directories).toBe(folder);
    expect(existsSync(folder)).toBe(true);
    await server.stop();
    expect(existsSync(folder)).toBe(false);
    expect(await answers(server.url)).toBe(false);
  });

  it('dies with the process that started it, even a killed one; the next start sweeps its folder', async () => {
    const module = fileURLToPath(new URL('../support/postgres-server.ts', import.meta.url));
    const script = `import { startPostgres } from ${JSON.stringify(module)};
      const server = await startPostgres(${JSON.stringify(bin)});
      console.log(server.url);
      setInterval(() => {}, 60_000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
      });
      await vi.waitFor(() => expect(out).toContain('\n'), { timeout: 15_000, interval: 50 });
      const url = out.trim();
      const { data_directory: data } = await show(url, ['data_directory']);
      child.kill('SIGKILL');
      // A fast shutdown, but a shutdown checkpoint first: seconds on a loaded machine.
      await vi.waitFor(async () => expect(await answers(url)).toBe(false), {
        timeout: 30_000,
        interval: 100,
      });
      expect(existsSync(dirname(data ?? ''))).toBe(true);
      // The sweep takes the folders of processes gone: the child reaped, its server fully exited.
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
      await vi.waitFor(() => expect(existsSync(join(data ?? '', 'postmaster.pid'))).toBe(false), {
        timeout: 30_000,
        interval: 100,
      });
      const next = await startPostgres(bin ?? '');
      await next.stop();
      expect(existsSync(dirname(data ?? ''))).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
    // A child with tsx and a server of its own: slow on a loaded machine.
  }, 60_000);
});
