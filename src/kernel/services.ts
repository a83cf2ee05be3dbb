/**
 * The long-lived services shared by every command. The kernel declares only what it needs itself (a
 * logger, a clock, chance, the skipped-write hook); each feature adds its own service to this interface
 * by declaration merging (see `src/features/index.ts`), so the kernel never imports a feature.
 */
import type { Logger } from './log.ts';

/** Long-lived services shared by every command; features add theirs (`kb`, `search`, `store`, `daily`). */
export interface Services {
  log: Logger;
  /** Injected so tests can fix time and chance. */
  now: () => Date;
  random: () => number;
  /** Told when a write the reply does not depend on failed and was skipped (for a metric). */
  onWriteSkipped?: (write: string) => void;
}
