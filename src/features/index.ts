/**
 * The one registry of features. Each feature lives in its own folder (`knowledge/`, `search/`,
 * `review/`, `daily/`) with its logic, views and buttons, and adds the service it offers to the kernel's
 * `Services` here, by declaration merging: the kernel declares only what it needs itself and never
 * imports a feature. The composition root (`src/app/services.ts`) builds these services.
 */
import type { Store } from '../store/store.ts';
import type { DailyScheduler } from './daily/scheduler.ts';
import type { KnowledgeBase } from './knowledge/base.ts';
import type { Report, ReportStore } from './reports/store.ts';
import type { Reviewed } from './review/review.ts';
import type { AnswerStore } from './scores/store.ts';
import type { SearchIndex } from './search/index.ts';

declare module '../kernel/services.ts' {
  /** The services the features add to the kernel's. */
  interface Services {
    /** The knowledge base (feature `knowledge`). */
    kb: KnowledgeBase;
    /** The search index over it (feature `search`). */
    search: SearchIndex;
    /** The database: every feature's rows (see `src/store/`). */
    store: Store;
    /** The daily question's scheduler, when the process runs one (`/daily` needs it; feature `daily`). */
    daily?: DailyScheduler;
    /** The answers part's store: the answer ledger, tallies and active days (feature `scores`). */
    scores: AnswerStore;
    /** The reports part's store: readers' reports of mistakes in answers (feature `reports`). */
    reports: ReportStore;
    /** Told after each filed report (feature `reports`); the app forwards it to `DLKB_REPORTS_CHAT`. */
    onReport?: (event: { report: Report; merged: boolean }) => void;
    /** Told after each review rating (feature `review`); the app marks the day active for streaks. */
    onReviewed?: (event: Reviewed) => void;
  }
}
