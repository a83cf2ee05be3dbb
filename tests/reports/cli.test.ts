/**
 * `dlkb reports` in-process (no spawned process): listing with filters, closing with a note, and a
 * reporter's hostile text printed inert (no escape sequence, no bidi override reaches the terminal).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportsCommand } from '../../src/cli/reports.ts';
import { UsageError } from '../../src/cli/usage.ts';
import { ConfigError } from '../../src/config.ts';
import { fileReport } from '../../src/features/reports/file.ts';
import type { NewReport } from '../../src/features/reports/store.ts';
import { openReports } from '../../src/ops/reports.ts';
import { REPORT_T0, report } from './report.ts';

const T0 = REPORT_T0;
const HOSTILE = 'fix \u001b[2J\u001b[31mred\u001b]0;owned\u0007 \u202egnp.exe\r\n<b>x</b> @everyone';

describe('dlkb reports', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const cli = () =>
    reportsCommand({
      open: ({ create }) => openReports({ dataDir: dir }, { create }),
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      now: () => T0 + 60_000,
    });
  const run = async (...args: string[]) => cli().run(args);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dlkb-reports-'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function seed(...reports: NewReport[]): Promise<void> {
    const opened = await openReports({ dataDir: dir });
    if (!opened) throw new Error('not opened');
    for (const r of reports) await fileReport(opened.store, r);
    await opened.close();
  }

  it('says there are none, without creating a database', async () => {
    expect(await run()).toBe(0);
    expect(out).toEqual(['no reports (no database yet)']);
    expect(await run('close', '1')).toBe(1);
    expect(err).toEqual(['dlkb reports: there is no report #1']);
  });

  it('lists every report, the open ones, or one entry’s, and closes one with a note', async () => {
    await seed(
      report(),
      report({ entryId: 'dropout', userKey: 'discord:9', chatKey: 'discord:55', platform: 'discord' }),
    );
    expect(await run()).toBe(0);
    expect(out).toEqual([
      '#1  open  nms  telegram:-100  telegram:1  2026-03-04 04:00 UTC',
      '    threshold wrong',
      '#2  open  dropout  discord:55  discord:9  2026-03-04 04:00 UTC',
      '    threshold wrong',
    ]);
    out = [];
    expect(await run('close', '1', '--note', 'fixed in v2')).toBe(0);
    expect(out.at(-1)).toBe('    closed 2026-03-04 04:01 UTC: fixed in v2');
    out = [];
    expect(await run('--open')).toBe(0);
    expect(out[0]).toMatch(/^#2 {2}open/);
    expect(out).toHaveLength(2);
    out = [];
    expect(await run('--entry', 'NMS')).toBe(0);
    expect(out[0]).toMatch(/^#1 {2}closed {2}nms/);
    out = [];
    expect(await run('--open', '--entry', 'nms')).toBe(0);
    expect(out).toEqual(['no open reports']);
    expect(await run('close', '9')).toBe(1);
    expect(err).toEqual(['dlkb reports: there is no report #9']);
  });

  it('prints hostile text inert: escapes shown as text, lines indented', async () => {
    await seed(report({ text: HOSTILE }));
    await run();
    for (const line of out) expect(line).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    expect(out.slice(1)).toEqual([
      '    fix \\u{1b}[2J\\u{1b}[31mred\\u{1b}]0;owned\\u{7} \\u{202e}gnp.exe',
      '    <b>x</b> @everyone',
    ]);
    await run('close', '1', '--note', 'ok \u001b[31m\nnext');
    expect(out.at(-1)).toBe('    closed 2026-03-04 04:01 UTC: ok \\u{1b}[31m next');
  });

  it('refuses a bad call with a usage error, and a bad configuration with exit 78', async () => {
    await expect(run('close')).rejects.toThrow(UsageError);
    await expect(run('close', 'x')).rejects.toThrow(UsageError);
    await expect(run('open')).rejects.toThrow(UsageError);
    await expect(run('close', '1', '--open')).rejects.toThrow(UsageError);
    await expect(run('--note', 'x')).rejects.toThrow(UsageError);
    const broken = reportsCommand({
      open: async () => {
        throw new ConfigError('DLKB_DATA_DIR', 'bad');
      },
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      now: () => T0,
    });
    expect(await broken.run([])).toBe(78);
    expect(err).toEqual(['dlkb reports: DLKB_DATA_DIR: bad']);
  });
});
