/**
 * The reports live in the data folder's `reports.sqlite`, beside the store's `dlkb.sqlite` (which the bot
 * holds with an exclusive lock): `dlkb reports` reads and closes them while the bot runs, and they are
 * kept across a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppStore } from '../../src/app/store.ts';
import { fileReport } from '../../src/features/reports/file.ts';
import { openReports, serviceReports } from '../../src/ops/reports.ts';

describe('the reports file of the data folder', () => {
  let dir: string;
  let deferred: (() => unknown)[];
  const lifecycle = { defer: (_name: string, run: () => unknown) => void deferred.push(run) };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dlkb-reports-db-'));
    deferred = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps reports across a restart, beside the store', async () => {
    const store = openAppStore(dir);
    const reports = await serviceReports({ dataDir: dir }, { sqlite: store }, lifecycle);
    if (!reports) throw new Error('no reports store');
    await fileReport(reports, {
      entryId: 'nms',
      platform: 'discord',
      chatKey: 'discord:1',
      userKey: 'discord:2',
      text: 'wrong',
      createdAt: 1,
    });
    await store.quiz.remember('telegram:1', 'nms', 5);
    // While the bot runs, the CLI's connection reads and closes reports.
    const cli = await openReports({ dataDir: dir }, { create: false });
    expect((await cli?.store.close(1, 'fixed', 2))?.status).toBe('closed');
    await cli?.close();
    expect((await reports.get(1))?.closeNote).toBe('fixed');
    for (const run of deferred.splice(0)) await run();
    await store.close();

    const again = openAppStore(dir);
    expect(await again.quiz.recent('telegram:1')).toEqual(['nms']);
    const reopened = await openReports({ dataDir: dir }, { create: false });
    expect((await reopened?.store.list())?.map((r) => [r.id, r.text, r.status])).toEqual([
      [1, 'wrong', 'closed'],
    ]);
    await reopened?.close();
    await again.close();
  });

  it('keeps reports in memory when the store is (no file is opened)', async () => {
    expect(await serviceReports({ dataDir: dir }, {}, lifecycle)).toBeUndefined();
    expect(await openReports({ dataDir: dir }, { create: false })).toBeNull();
  });
});
