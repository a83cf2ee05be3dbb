/**
 * The one registry of features. Each feature lives in its own folder (`knowledge/`, `search/`,
 * `review/`, `daily/`) with its logic, views and buttons, and adds the service it offers to the kernel's
 * `Services` here, by declaration merging: the kernel declares only what it needs itself and never
 * imports a feature. The composition root (`src/app/services.ts`) builds these services.
 */

import type { RateLimiter } from '../kernel/rate-limit.ts';
import type { DailyScheduler } from './daily/scheduler.ts';
import type { KnowledgeBase } from './knowledge/base.ts';
import type { PollStore } from './mcq/polls.ts';
import type { Store } from './parts.ts';
import type { Report, ReportStore } from './reports/store.ts';
import type { KeyPointStore } from './review/points-store.ts';
import type { Reviewed } from './review/review.ts';
import type { RoundRunner } from './round/runner.ts';
import type { AnswerStore } from './scores/store.ts';
import type { FollowUpIndex } from './search/followup-index.ts';
import type { SearchIndex } from './search/index.ts';
import type { FirstDelivery } from './updates/once.ts';

declare module '../kernel/services.ts' {
  /** The services the features add to the kernel's. */
  interface Services {
    /** The knowledge base (feature `knowledge`). */
    kb: KnowledgeBase;
    /** The search index over it (feature `search`). */
    search: SearchIndex;
    /** The follow-ups' (追问) own small index, built on first use; /search offers its matches (feature `search`). */
    followUps?: FollowUpIndex;
    /** The database: one store per feature (`store.daily`, `store.reviews`, …; see `parts.ts`). */
    store: Store;
    /** The daily question's scheduler, when the process runs one (`/daily` needs it; feature `daily`). */
    daily?: DailyScheduler;
    /** The group rounds' runner (`/round`; feature `round`): posts each round's questions and scoreboard. */
    rounds?: RoundRunner;
    /** The answers part's store (`store.answers`): the answer ledger, tallies and active days (feature `scores`). */
    scores: AnswerStore;
    /**
     * The native quiz polls posted (feature `mcq`): a poll answer names only the poll, so the adapter
     * that posted it (Telegram) remembers its chat and answer actions here.
     */
    polls?: PollStore;
    /** The key-point part's store: which key points each person misses (feature `review`). */
    keyPoints: KeyPointStore;
    /** The reports part's store: readers' reports of mistakes in answers (feature `reports`). */
    reports: ReportStore;
    /** Told after each filed report (feature `reports`); the app forwards it to `DLKB_REPORTS_CHAT`. */
    onReport?: (event: { report: Report; merged: boolean }) => void;
    /** Tries of `/link CODE`, limited per account so codes cannot be guessed (feature `link`). */
    linkAttempts: RateLimiter;
    /** Told after each review rating (feature `review`); the app marks the day active for streaks. */
    onReviewed?: (event: Reviewed) => Promise<void>;
    /**
     * Claims a delivered update among every replica sharing the store, and marks it done: webhook
     * adapters handle an update only when their claim is granted (feature `updates`, `store.updates`).
     */
    firstDelivery: FirstDelivery;
  }
}
