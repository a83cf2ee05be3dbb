/**
 * With `DATABASE_URL` the reports live in the PostgreSQL database the replicas share, not in
 * `reports.sqlite`: the bot files them there (and leaves their backup to pg_dump), and `dlkb reports`
 * lists and closes them while the bot runs. A server it cannot reach is reported without the password.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fileReport } from '../../src/features/reports/file.ts';
import { REPORTS_FILE, reportsBackedUp, serviceReports } from '../../src/ops/reports.ts';
import { StartupError } from '../../src/ops/startup-error.ts';
import { dlkb } from '../support/cli.ts';
import { describePostgres, freshPostgresUrl } from '../support/postgres.ts';
import { REPORT_T0, report } from './report.ts';

const T0 = REPORT_T0;

let dataDir: string;
let deferred: (() => unknown)[];
const lifecycle = { defer: (_name: string, run: () => unknown) => void deferred.push(run) };
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dlkb-reports-pg-'));
  deferred = [];
  vi.stubEnv('DLKB_DATA_DIR', dataDir);
});
afterEach(async () => {
  for (const run of deferred.splice(0).reverse()) await run();
  rmSync(dataDir, { recursive: true, force: true });
});

describePostgres('dlkb reports over PostgreSQL', () => {
  it('lists and closes, while the bots run, the reports they filed in the shared database', async () => {
    const url = await freshPostgresUrl();
    // Two replicas of the bot on the same database: one numbering, no file in the data folder.
    const first = await serviceReports({ dataDir, databaseUrl: url }, {}, lifecycle);
    const second = await serviceReports({ dataDir, databaseUrl: url }, {}, lifecycle);
    if (!first || !second) throw new Error('no reports store');
    expect(reportsBackedUp(first)).toEqual({});
    await fileReport(first, report());
    await fileReport(second, report({ entryId: 'dropout', userKey: 'discord:9', platform: 'discord' }));
    expect(existsSync(join(dataDir, REPORTS_FILE))).toBe(false);

    vi.stubEnv('DATABASE_URL', url);
    expect(await dlkb(['reports'])).toEqual({
      code: 0,
      out: [
        '#1  open  nms  telegram:-100  telegram:1  2026-03-04 04:00 UTC',
        '    threshold wrong',
        '#2  open  dropout  telegram:-100  discord:9  2026-03-04 04:00 UTC',
        '    threshold wrong',
        '',
      ].join('\n'),
      err: '',
    });
    const closed = await dlkb(['reports', 'close', '1', '--note', 'fixed in v2']);
    expect(closed.code).toBe(0);
    expect(closed.out).toMatch(/closed \d{4}-\d\d-\d\d \d\d:\d\d UTC: fixed in v2\n$/);
    // The bots see it closed at once; a merge goes to the open report only.
    expect(await second.get(1)).toMatchObject({ status: 'closed', closeNote: 'fixed in v2' });
    expect((await fileReport(second, report({ text: 'still wrong', createdAt: T0 + 1 }))).report.id).toBe(3);
    expect((await dlkb(['reports', '--open', '--entry', 'NMS'])).out).toBe(
      '#3  open  nms  telegram:-100  telegram:1  2026-03-04 04:00 UTC\n    still wrong\n',
    );
    expect(await dlkb(['reports', 'close', '9'])).toEqual({
      code: 1,
      out: '',
      err: 'dlkb reports: there is no report #9\n',
    });
    expect(existsSync(join(dataDir, REPORTS_FILE))).toBe(false);
  });

  it('creates the table in an empty database and finds no reports', async () => {
    vi.stubEnv('DATABASE_URL', await freshPostgresUrl());
    expect(await dlkb(['reports'])).toEqual({ code: 0, out: 'no reports\n', err: '' });
    expect(await dlkb(['reports', 'close', '1'])).toMatchObject({ code: 1 });
  });
});

it('says which server it cannot reach, never the password: the CLI exits 1, the bot does not start', async () => {
  const unreachable = 'postgres://dlkb:Secr3t-pw@127.0.0.1:1/dlkb';
  const starting = serviceReports({ dataDir, databaseUrl: unreachable }, {}, lifecycle);
  await expect(starting).rejects.toBeInstanceOf(StartupError);
  await expect(starting).rejects.toThrow(/127\.0\.0\.1:1/);
  await expect(starting).rejects.not.toThrow(/Secr3t/);
  expect(deferred).toEqual([]);
  vi.stubEnv('DATABASE_URL', unreachable);
  const run = await dlkb(['reports', '--open']);
  expect(run.code).toBe(1);
  expect(run.out).toBe('');
  expect(run.err).toMatch(/^dlkb reports: .*127\.0\.0\.1:1/);
  expect(run.err).not.toContain('Secr3t');
  expect(existsSync(join(dataDir, REPORTS_FILE))).toBe(false);
});
