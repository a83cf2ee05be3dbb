/** Reading back a person's review records (for `/export`), without widening the store's ReviewStore contract. */
import type { ReviewRecord, ReviewStore } from './store.ts';

/** A review store that can list one person's records. */
export interface ReviewHistory {
  /** Every record of one person, oldest rating first. */
  records(userKey: string): Promise<ReviewRecord[]>;
}

/** True when the store can list a person's records (the memory and SQLite stores can). */
export function hasHistory(store: ReviewStore): store is ReviewStore & ReviewHistory {
  return typeof (store as Partial<ReviewHistory>).records === 'function';
}
