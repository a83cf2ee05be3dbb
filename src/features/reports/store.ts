/**
 * What the reports feature keeps: the mistakes readers report in answers, for the operators to read and
 * close. One interface, two implementations (`memory.ts`, `sql.ts`), declared as the `reports` store
 * part in `part.ts`.
 */
import type { Platform } from '../../kernel/identity.ts';
import type { ChatRows } from '../../store/part.ts';

/** Whether an operator has dealt with a report. */
export type ReportStatus = 'open' | 'closed';

/** A report as filed: who, where, about which entry, and what they wrote. */
export interface NewReport {
  entryId: string;
  platform: Platform;
  /** The chat it was sent from (`<platform>:<chat id>`). */
  chatKey: string;
  /** The person (`<platform>:<user id>`). */
  userKey: string;
  /** What is wrong, as they wrote it (stored raw; escaped wherever it is shown). */
  text: string;
  /** Epoch ms. */
  createdAt: number;
}

/** A stored report. */
export interface Report extends NewReport {
  /** Its number, what operators close it by (1, 2, …). */
  id: number;
  /** When its text last changed (a merged second report), epoch ms. */
  updatedAt: number;
  status: ReportStatus;
  /** What the operator wrote when closing it (null while open). */
  closeNote: string | null;
  closedAt: number | null;
}

/** Which reports to list. */
export interface ReportFilter {
  /** Only the open ones. */
  open?: boolean;
  /** Only those about this entry. */
  entryId?: string;
}

/** The reports part's store. */
export interface ReportStore extends ChatRows {
  /** Stores a new open report and returns it with its number. */
  add(report: NewReport): Promise<Report>;
  /** The report with this number. */
  get(id: number): Promise<Report | undefined>;
  /** A person's latest open report on an entry created at or after `since` (the one a new one merges into). */
  openBy(userKey: string, entryId: string, since: number): Promise<Report | undefined>;
  /** Replaces a report's text (a merge); returns it changed, or undefined when there is no such report. */
  setText(id: number, text: string, at: number): Promise<Report | undefined>;
  /** How many reports a person created at or after `since` (the rate limit). */
  countSince(userKey: string, since: number): Promise<number>;
  /** The reports matching `filter`, by number. */
  list(filter?: ReportFilter): Promise<Report[]>;
  /** Closes a report with a note (again: replaces the note); undefined when there is no such report. */
  close(id: number, note: string, at: number): Promise<Report | undefined>;
  /**
   * Runs `fn` (which reads and writes this person's reports) in one transaction, while no other `forPerson`
   * of the same person runs, on any replica: what `fn` read stays true until it ends. PostgreSQL: a
   * transaction-scoped advisory lock on the person; SQLite: its transactions run one at a time; memory:
   * the person's calls in turn.
   */
  forPerson<T>(userKey: string, fn: () => Promise<T>): Promise<T>;
}
