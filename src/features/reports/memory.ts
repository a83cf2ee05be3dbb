/** The reports part in memory (tests, and the terminal when no data folder can be used). */
import type { ChatKey } from '../../kernel/identity.ts';
import type { NewReport, Report, ReportFilter, ReportStore } from './store.ts';

/** ReportStore over a map by number. */
export class MemoryReports implements ReportStore {
  readonly #reports = new Map<number, Report>();
  #next = 1;

  add(report: NewReport): Report {
    const stored: Report = {
      ...report,
      id: this.#next++,
      updatedAt: report.createdAt,
      status: 'open',
      closeNote: null,
      closedAt: null,
    };
    this.#reports.set(stored.id, stored);
    return { ...stored };
  }

  get(id: number): Report | undefined {
    const r = this.#reports.get(id);
    return r && { ...r };
  }

  openBy(userKey: string, entryId: string, since: number): Report | undefined {
    let found: Report | undefined;
    for (const r of this.#reports.values())
      if (r.userKey === userKey && r.entryId === entryId && r.status === 'open' && r.createdAt >= since)
        found = r;
    return found && { ...found };
  }

  setText(id: number, text: string, at: number): Report | undefined {
    const r = this.#reports.get(id);
    if (!r) return undefined;
    Object.assign(r, { text, updatedAt: at });
    return { ...r };
  }

  countSince(userKey: string, since: number): number {
    let n = 0;
    for (const r of this.#reports.values()) if (r.userKey === userKey && r.createdAt >= since) n++;
    return n;
  }

  list(filter: ReportFilter = {}): Report[] {
    return [...this.#reports.values()]
      .filter(
        (r) =>
          (!filter.open || r.status === 'open') &&
          (filter.entryId === undefined || r.entryId === filter.entryId),
      )
      .map((r) => ({ ...r }));
  }

  close(id: number, note: string, at: number): Report | undefined {
    const r = this.#reports.get(id);
    if (!r) return undefined;
    Object.assign(r, { status: 'closed', closeNote: note, closedAt: at });
    return { ...r };
  }

  /** A report stays with the account that filed it (what it says is about an entry, not a learner). */
  moveUser(): void {}

  moveChat(from: ChatKey, to: ChatKey): void {
    for (const r of this.#reports.values()) if (r.chatKey === from) r.chatKey = to;
  }
}
