/** The reports part in memory (tests, and the terminal when no data folder can be used). */
import type { ChatKey } from '../../kernel/identity.ts';
import type { NewReport, Report, ReportFilter, ReportStore } from './store.ts';

/** ReportStore over a map by number. */
export class MemoryReports implements ReportStore {
  readonly #reports = new Map<number, Report>();
  #next = 1;
  /** Per person, the end of their latest `forPerson` call (never rejecting). */
  readonly #turns = new Map<string, Promise<unknown>>();

  async add(report: NewReport): Promise<Report> {
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

  async get(id: number): Promise<Report | undefined> {
    const r = this.#reports.get(id);
    return r && { ...r };
  }

  async openBy(userKey: string, entryId: string, since: number): Promise<Report | undefined> {
    let found: Report | undefined;
    for (const r of this.#reports.values())
      if (r.userKey === userKey && r.entryId === entryId && r.status === 'open' && r.createdAt >= since)
        found = r;
    return found && { ...found };
  }

  async setText(id: number, text: string, at: number): Promise<Report | undefined> {
    const r = this.#reports.get(id);
    if (!r) return undefined;
    Object.assign(r, { text, updatedAt: at });
    return { ...r };
  }

  async countSince(userKey: string, since: number): Promise<number> {
    let n = 0;
    for (const r of this.#reports.values()) if (r.userKey === userKey && r.createdAt >= since) n++;
    return n;
  }

  async list(filter: ReportFilter = {}): Promise<Report[]> {
    return [...this.#reports.values()]
      .filter(
        (r) =>
          (!filter.open || r.status === 'open') &&
          (filter.entryId === undefined || r.entryId === filter.entryId),
      )
      .map((r) => ({ ...r }));
  }

  async close(id: number, note: string, at: number): Promise<Report | undefined> {
    const r = this.#reports.get(id);
    if (!r) return undefined;
    Object.assign(r, { status: 'closed', closeNote: note, closedAt: at });
    return { ...r };
  }

  async forPerson<T>(userKey: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.#turns.get(userKey) ?? Promise.resolve()).then(fn);
    const turn = run.catch(() => undefined);
    this.#turns.set(userKey, turn);
    try {
      return await run;
    } finally {
      if (this.#turns.get(userKey) === turn) this.#turns.delete(userKey);
    }
  }

  /** A report stays with the account that filed it (what it says is about an entry, not a learner). */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    for (const r of this.#reports.values()) if (r.chatKey === from) r.chatKey = to;
  }
}
