/** A report as the reports tests file it: Alice in a Telegram group, about `nms`, at `REPORT_T0`. */
import type { NewReport } from '../../src/features/reports/store.ts';

/** When the tests' reports are filed (a fixed morning). */
export const REPORT_T0 = Date.parse('2026-03-04T04:00:00Z');

/** A report with defaults, `over` replacing any of them. */
export function report(over: Partial<NewReport> = {}): NewReport {
  return {
    entryId: 'nms',
    platform: 'telegram',
    chatKey: 'telegram:-100',
    userKey: 'telegram:1',
    text: 'threshold wrong',
    createdAt: REPORT_T0,
    ...over,
  };
}
