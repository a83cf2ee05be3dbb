/**
 * The long-lived services shared by every command. The kernel declares only what it needs itself (a
 * logger, a clock, chance, the skipped-write hook, the one-time notice hook); each feature adds its own
 * service to this interface by declaration merging (see `src/features/index.ts`), so the kernel never imports a feature.
 */
import type { Translate } from './i18n.ts';
import type { Chat, Platform } from './identity.ts';
import type { Logger } from './log.ts';

/** Who sent a command, for `Services.notice`. */
export interface NoticeTarget {
  platform: Platform;
  userId: string;
  chatKind: Chat['kind'];
  /** In the person's language. */
  t: Translate;
  /** False when the reply may not be shown where it was asked (a private reply in a group): keep the note. */
  shown: boolean;
}

/** Long-lived services shared by every command; features add theirs (`kb`, `search`, `store`, `daily`). */
export interface Services {
  log: Logger;
  /** Injected so tests can fix time and chance. */
  now: () => Date;
  random: () => number;
  /** Told when a write the reply does not depend on failed and was skipped (for a metric). */
  onWriteSkipped?: (write: string) => void;
  /**
   * Told of every command a person sends (not button presses); may return a one-time note for them
   * (Markdown), shown above the reply. A feature keeps its notes and drops one once it is returned.
   */
  notice?: (who: NoticeTarget) => Promise<string | undefined>;
}
