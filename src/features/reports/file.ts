/**
 * Filing a report. A person's second report on the same entry within a day (24 hours from the first) is
 * merged into the first: its text is appended after a blank line, so nothing either report said is lost
 * and the operators read one report; a merged text over the limit is refused. Each person may file
 * `DAILY_LIMIT` new reports in any 24 hours (merges do not count: they add no report). Both rules hold
 * for reports filed at the same time, on one replica or several (see `ReportStore.forPerson`).
 */
import { UserError } from '../../kernel/errors.ts';
import type { NewReport, Report, ReportStore } from './store.ts';

/** The longest report text, in characters (also the Discord modal's limit). */
export const MAX_REPORT_CHARS = 1000;

/** New reports per person in any 24 hours. */
export const DAILY_LIMIT = 5;

/** How far back a report merges and the rate limit counts: a day. */
export const DAY_MS = 86_400_000;

/** A filed report, and whether it was merged into the person's earlier one. */
export interface Filed {
  report: Report;
  merged: boolean;
}

/**
 * The text of a report on `entryId` as stored: trimmed, line ends normalised.
 * @throws UserError when empty or too long
 */
export function reportText(raw: string, entryId: string): string {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text === '') throw new UserError('report.empty', { id: entryId });
  const length = [...text].length;
  if (length > MAX_REPORT_CHARS) throw new UserError('report.tooLong', { max: MAX_REPORT_CHARS, length });
  return text;
}

/**
 * Files a report (or merges it, see the top of this file).
 * @throws UserError for an empty or too long text, a merged text over the limit, or the rate limit
 */
export async function fileReport(store: ReportStore, report: NewReport): Promise<Filed> {
  const text = reportText(report.text, report.entryId);
  const since = report.createdAt - DAY_MS;
  // Read, then written, under the person's lock: of two reports filed at once (on two replicas), the
  // second sees the first, to merge into it or to count it.
  return await store.forPerson(report.userKey, async (): Promise<Filed> => {
    const earlier = await store.openBy(report.userKey, report.entryId, since);
    if (earlier) {
      const merged = `${earlier.text}\n\n${text}`;
      if ([...merged].length > MAX_REPORT_CHARS)
        throw new UserError('report.full', { id: report.entryId, max: MAX_REPORT_CHARS });
      const changed = await store.setText(earlier.id, merged, report.createdAt);
      return { report: changed ?? { ...earlier, text: merged }, merged: true };
    }
    if ((await store.countSince(report.userKey, since)) >= DAILY_LIMIT)
      throw new UserError('report.rateLimited', { limit: DAILY_LIMIT });
    return { report: await store.add({ ...report, text }), merged: false };
  });
}
