/**
 * The contract every ReportStore keeps (memory, SQLite and PostgreSQL run the same suite), and the filing rules on
 * top of it: numbering, filters, merging a person's second report on an entry within a day, the rate
 * limit, closing, and a chat move that keeps every report.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import { DAILY_LIMIT, DAY_MS, fileReport, MAX_REPORT_CHARS } from '../../../src/features/reports/file.ts';
import type { NewReport, ReportStore } from '../../../src/features/reports/store.ts';
import { UserError } from '../../../src/kernel/errors.ts';
import { chatKey } from '../../../src/kernel/identity.ts';
import type { Made } from '../engines.ts';

const T0 = Date.parse('2026-03-02T08:00:00Z');

/** A report with defaults: Alice in a Telegram group, about `nms`, at T0. */
function report(over: Partial<NewReport> = {}): NewReport {
  return {
    entryId: 'nms',
    platform: 'telegram',
    chatKey: 'telegram:-100',
    userKey: 'telegram:1',
    text: 'The IoU threshold is wrong',
    createdAt: T0,
    ...over,
  };
}

/** The message key of the UserError `fn` throws. */
async function refusal(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof UserError) return error.key;
    throw error;
  }
  throw new Error('not refused');
}

/** Runs the contract against stores made by `make` (a fresh, empty one each time). */
export function reportsContract(name: string, make: () => Made<ReportStore>): void {
  describe(`reports store contract: ${name}`, () => {
    let store: ReportStore;
    beforeEach(async () => {
      store = await make();
    });

    it('numbers reports from 1, keeps every field, and lists them by number and filter', async () => {
      const a = await store.add(report());
      const b = await store.add(report({ entryId: 'dropout', userKey: 'discord:9', platform: 'discord' }));
      expect([a.id, b.id]).toEqual([1, 2]);
      expect(await store.get(1)).toEqual({
        ...report(),
        id: 1,
        updatedAt: T0,
        status: 'open',
        closeNote: null,
        closedAt: null,
      });
      expect(await store.get(3)).toBeUndefined();
      expect((await store.list()).map((r) => r.id)).toEqual([1, 2]);
      expect((await store.list({ entryId: 'dropout' })).map((r) => r.id)).toEqual([2]);
      await store.close(1, 'fixed in v2', T0 + 5);
      expect((await store.list({ open: true })).map((r) => r.id)).toEqual([2]);
      expect(await store.get(1)).toMatchObject({
        status: 'closed',
        closeNote: 'fixed in v2',
        closedAt: T0 + 5,
      });
      expect(await store.close(99, 'x', T0)).toBeUndefined();
    });

    it('stores hostile text byte for byte (it is escaped where shown, never here)', async () => {
      const text = '<b>x</b> @everyone \u001b[31mred\u001b[0m `code` *bold*';
      expect((await fileReport(store, report({ text }))).report.text).toBe(text);
      expect((await store.get(1))?.text).toBe(text);
    });

    it('merges a second report by the same person on the same entry within a day, appending it', async () => {
      await fileReport(store, report({ text: 'first' }));
      const second = await fileReport(store, report({ text: 'second', createdAt: T0 + DAY_MS - 1 }));
      expect(second.merged).toBe(true);
      expect(second.report).toMatchObject({ id: 1, text: 'first\n\nsecond', updatedAt: T0 + DAY_MS - 1 });
      expect(await store.list()).toHaveLength(1);
      // Another person, another entry, a day later, or a closed report: a new one.
      expect((await fileReport(store, report({ userKey: 'telegram:2' }))).merged).toBe(false);
      expect((await fileReport(store, report({ entryId: 'dropout' }))).merged).toBe(false);
      expect((await fileReport(store, report({ createdAt: T0 + DAY_MS + 1 }))).merged).toBe(false);
      await store.close(4, 'done', T0 + DAY_MS + 2);
      expect((await fileReport(store, report({ createdAt: T0 + DAY_MS + 3 }))).report.id).toBe(5);
    });

    it('refuses empty and too long texts, and a merge over the limit, storing nothing', async () => {
      expect(await refusal(() => fileReport(store, report({ text: '  \n ' })))).toBe('report.empty');
      expect(
        await refusal(() => fileReport(store, report({ text: '错'.repeat(MAX_REPORT_CHARS + 1) }))),
      ).toBe('report.tooLong');
      expect(
        (await fileReport(store, report({ text: '错'.repeat(MAX_REPORT_CHARS) }))).report.text,
      ).toHaveLength(MAX_REPORT_CHARS);
      expect(await refusal(() => fileReport(store, report({ text: 'more', createdAt: T0 + 1 })))).toBe(
        'report.full',
      );
      expect((await store.list()).map((r) => r.text.length)).toEqual([MAX_REPORT_CHARS]);
    });

    it(`allows ${DAILY_LIMIT} new reports per person in any 24 hours; merges do not count`, async () => {
      for (let i = 0; i < DAILY_LIMIT; i++)
        await fileReport(store, report({ entryId: `e${i}`, createdAt: T0 + i }));
      expect(
        (await fileReport(store, report({ entryId: 'e0', text: 'again', createdAt: T0 + 10 }))).merged,
      ).toBe(true);
      expect(await refusal(() => fileReport(store, report({ entryId: 'new', createdAt: T0 + 11 })))).toBe(
        'report.rateLimited',
      );
      expect(
        (await fileReport(store, report({ entryId: 'new', userKey: 'telegram:2', createdAt: T0 + 12 })))
          .merged,
      ).toBe(false);
      expect(
        (await fileReport(store, report({ entryId: 'new', createdAt: T0 + DAY_MS + 1 }))).report.id,
      ).toBe(DAILY_LIMIT + 2);
    });

    it('keeps the merge and limit rules for reports filed at the same time', async () => {
      const filing = (over: Partial<NewReport>) =>
        fileReport(store, report(over)).then(
          (filed) => (filed.merged ? 'merged' : 'added'),
          (error: unknown) => (error instanceof UserError ? error.key : Promise.reject(error)),
        );
      const many = await Promise.all(
        [0, 1, 2, 3, 4, 5, 6, 7].map((i) => filing({ entryId: `e${i}`, createdAt: T0 + i })),
      );
      expect(many.filter((r) => r === 'added')).toHaveLength(DAILY_LIMIT);
      expect(many.filter((r) => r === 'report.rateLimited')).toHaveLength(8 - DAILY_LIMIT);
      const same = await Promise.all(
        ['one', 'two', 'three'].map((text) => filing({ userKey: 'telegram:2', text })),
      );
      expect(same.sort()).toEqual(['added', 'merged', 'merged']);
      const theirs = (await store.list()).filter((r) => r.userKey === 'telegram:2');
      expect(theirs.map((r) => r.text.split('\n\n').sort())).toEqual([['one', 'three', 'two']]);
    });

    it('moves a chat’s reports to its new key and keeps those already there', async () => {
      await store.add(report());
      await store.add(report({ chatKey: 'telegram:-200' }));
      await store.moveChat(chatKey('telegram', '-100'), chatKey('telegram', '-200'));
      expect((await store.list()).map((r) => r.chatKey)).toEqual(['telegram:-200', 'telegram:-200']);
    });
  });
}
