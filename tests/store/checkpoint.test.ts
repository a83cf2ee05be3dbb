/**
 * WAL checkpoints of the SQLite store run on a timer after writes, not inside the commit of one: a
 * commit leaves the database file as it was (its pages wait in the WAL), the checkpoint a moment later
 * copies them into the file, and closing the store leaves no timer behind.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AppSqliteStore, openAppStore } from '../../src/app/store.ts';
import { userKey } from '../../src/kernel/identity.ts';
import { CHECKPOINT_DELAY_MS } from '../../src/store/checkpoint.ts';
import { DATABASE_FILE } from '../../src/store/sqlite.ts';
import { answer } from './contract/answers.ts';

describe('WAL checkpoints between writes', () => {
  let dir: string;
  let store: AppSqliteStore;
  const size = () => statSync(join(dir, DATABASE_FILE)).size;

  /** 300 answers, each its own commit (as 300 presses are). */
  async function answers(from: number): Promise<void> {
    for (let n = from; n < from + 300; n++)
      expect(
        await store.answers.record(answer({ userKey: userKey('telegram', String(n)), userName: `P${n}` })),
      ).toBe(true);
  }

  beforeEach(() => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'dlkb-checkpoint-'));
    store = openAppStore(dir);
    vi.advanceTimersByTime(CHECKPOINT_DELAY_MS); // what opening wrote
  });
  afterEach(async () => {
    await store.close();
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits into the WAL and copies into the file a moment later', async () => {
    const before = size();
    await answers(0);
    expect(size()).toBe(before);
    vi.advanceTimersByTime(CHECKPOINT_DELAY_MS);
    expect(size()).toBeGreaterThan(before);
    const after = size();
    await answers(300);
    expect(size()).toBe(after);
    vi.advanceTimersByTime(CHECKPOINT_DELAY_MS);
    expect(size()).toBeGreaterThan(after);
    expect(await store.answers.answersIn(answer().chatKey)).toHaveLength(600);
  });

  it('keeps no timer once closed, and loses nothing not yet checkpointed', async () => {
    await answers(0);
    expect(vi.getTimerCount()).toBe(1);
    await store.close();
    expect(vi.getTimerCount()).toBe(0);
    store = openAppStore(dir);
    expect(await store.answers.answersIn(answer().chatKey)).toHaveLength(300);
  });
});
