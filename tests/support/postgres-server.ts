/**
 * A throwaway PostgreSQL server for the tests: the machine's own binaries (Debian's `postgresql` package
 * under /usr/lib/postgresql/<major>/bin, or `initdb` on the PATH), a data folder in a temp folder, a free
 * port on 127.0.0.1 only, its unix socket in that temp folder, trust authentication and fsync off.
 * `initdb` runs once per PostgreSQL version into a template kept under os.tmpdir(); each server starts from
 * a copy of it. PostgreSQL refuses to run as root: as root, every step runs as the `postgres` user (setpriv).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { chown } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const run = promisify(execFile);

/** Bumped when the template's initdb options change, so an old cached template is not reused. */
const TEMPLATE_FORMAT = 1;
const RUN_PREFIX = 'dlkb-pg-run-';
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const SETPRIV = '/usr/bin/setpriv';

/** A running test server: its superuser URL (no password: trust auth) and how to stop it. */
export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, the superuser on the maintenance database. */
  readonly url: string;
  /** Stops the server (fast shutdown) and deletes its temp folder. */
  stop(): Promise<void>;
}

/**
 * The folder holding `initdb` and `postgres`: DLKB_TEST_POSTGRES_BIN when set, else the newest Debian
 * /usr/lib/postgresql/<major>/bin, else the PATH's; `undefined` when there is none.
 */
export function findPostgresBin(): string | undefined {
  const chosen = process.env.DLKB_TEST_POSTGRES_BIN;
  if (chosen) return existsSync(join(chosen, 'initdb')) ? chosen : undefined;
  const debian = '/usr/lib/postgresql';
  const majors = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors[0] !== undefined) return join(debian, majors[0], 'bin');
  return (process.env.PATH ?? '').split(delimiter).find((dir) => dir && existsSync(join(dir, 'initdb')));
}

/** The command prefix that runs a program as the server's user: `postgres` when we are root. */
function asServerUser(): string[] {
  return process.getuid?.() === 0 ? [SETPRIV, '--reuid=postgres', '--regid=postgres', '--init-groups'] : [];
}

/** Runs `command` as the server's user and resolves with its stdout. */
async function runAsServerUser(command: string, args: readonly string[]): Promise<string> {
  const prefix = asServerUser();
  const [head, ...rest] = [...prefix, ...(prefix.length ? ['--'] : []), command, ...args] as [
    string,
    ...string[],
  ];
  return (await run(head, rest, { cwd: tmpdir() })).stdout;
}

/** Hands `dir` to the `postgres` user when we are root (a server refuses a data folder it does not own). */
async function giveToServerUser(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const passwd = readFileSync('/etc/passwd', 'utf8').match(/^postgres:[^:]*:(\d+):(\d+):/m);
  if (!passwd) throw new Error('running as root and there is no `postgres` user to run the server as');
  await chown(dir, Number(passwd[1]), Number(passwd[2]));
}

/** Deletes the temp folders of earlier runs whose process is gone (killed before its teardown). */
function sweepStaleRuns(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(
      name.startsWith(RUN_PREFIX) ? name.slice(RUN_PREFIX.length).split('-')[0] : Number.NaN,
    );
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      // ESRCH: no such process (EPERM would be a live process of another user).
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') continue;
      try {
        rmSync(join(tmpdir(), name), { recursive: true, force: true });
      } catch {
        // Another user's folder: not ours to delete.
      }
    }
  }
}

/** The cached initdb output for this PostgreSQL version, made once (atomically, by rename). */
async function template(bin: string): Promise<string> {
  const version = (await runAsServerUser(join(bin, 'postgres'), ['--version'])).match(/\d+(\.\d+)*/)?.[0];
  const user = process.getuid?.() === 0 ? 'postgres' : String(process.getuid?.() ?? 'user');
  const dir = join(tmpdir(), `dlkb-pg-template-${version ?? 'unknown'}-${user}-v${TEMPLATE_FORMAT}`);
  if (existsSync(join(dir, 'global', 'pg_control'))) return dir;
  const parent = mkdtempSync(join(tmpdir(), 'dlkb-pg-initdb-'));
  try {
    await giveToServerUser(parent);
    const data = join(parent, 'data');
    const options = ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'];
    await runAsServerUser(join(bin, 'initdb'), options);
    try {
      renameSync(data, dir);
    } catch (error) {
      // Another run made the same template meanwhile: use theirs.
      if (!existsSync(join(dir, 'global', 'pg_control'))) throw error;
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
  return dir;
}

/** Starts `postgres` on `port` and resolves once it accepts connections; rejects with its last log lines. */
function launch(bin: string, data: string, port: number): Promise<ReturnType<typeof spawn>> {
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: join(data, '..'),
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    // Test files run side by side, each with pools of its own (a property test may make 150 stores).
    max_connections: '400',
  };
  const args = [
    '-D',
    data,
    '-p',
    String(port),
    ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ];
  // The server dies with this process even when it is killed (parent-death signal INT: fast shutdown).
  const user = asServerUser();
  const prefix = existsSync(SETPRIV) ? [...(user.length ? user : [SETPRIV]), '--pdeathsig=INT', '--'] : user;
  const [head, ...rest] = [...prefix, join(bin, 'postgres'), ...args] as [string, ...string[]];
  const child = spawn(head, rest, { cwd: join(data, '..'), stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => fail(`not ready after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGQUIT');
      reject(new Error(`postgres ${why}: ${log.trim().split('\n').slice(-3).join(' | ')}`));
    };
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code}) while starting`));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      log = (log + chunk).slice(-4000);
      if (!log.includes('ready to accept connections')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stderr?.removeAllListeners('data').resume();
      resolve(child);
    });
  });
}

/** Starts a fresh server from the template in a new temp folder; the server never outlives this process. */
export async function startPostgres(bin: string): Promise<RunningPostgres> {
  sweepStaleRuns();
  const dir = mkdtempSync(join(tmpdir(), `${RUN_PREFIX}${process.pid}-`));
  const removeDir = () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  try {
    await giveToServerUser(dir);
    const data = join(dir, 'data');
    await runAsServerUser('cp', ['-a', await template(bin), data]);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      try {
        const child = await launch(bin, data, port);
        const onExit = () => {
          child.kill('SIGQUIT');
          removeDir();
        };
        process.once('exit', onExit);
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          stop: async () => {
            process.off('exit', onExit);
            if (child.exitCode === null && child.signalCode === null) {
              const exited = new Promise((resolve) => child.once('exit', resolve));
              child.kill('SIGINT'); // fast shutdown; immediate (SIGQUIT) if it lingers
              const late = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
              await exited;
              clearTimeout(late);
            }
            removeDir();
          },
        };
      } catch (error) {
        lastError = error; // most likely the port was taken in between: try another
        if (!String(error).includes('already in use')) break;
      }
    }
    throw lastError;
  } catch (error) {
    removeDir();
    throw error;
  }
}
