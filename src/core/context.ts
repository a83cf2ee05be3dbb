/** What a handler knows about the world: the services, who asks, where, and in which language. */
import type { Command } from './command.ts';
import type { DailyScheduler } from './daily/scheduler.ts';
import type { Locale, Translate } from './i18n.ts';
import type { KnowledgeBase } from './knowledge/base.ts';
import type { Logger } from './log.ts';
import type { SearchIndex } from './search/index.ts';
import type { Store } from './store/store.ts';

export type Platform = 'discord' | 'telegram' | 'terminal';

/** Long-lived services shared by every command. */
export interface Services {
  kb: KnowledgeBase;
  search: SearchIndex;
  store: Store;
  log: Logger;
  /** Injected so tests can fix time and chance. */
  now: () => Date;
  random: () => number;
  /** The daily question's scheduler, when the process runs one (`/daily` needs it). */
  daily?: DailyScheduler;
  /** Told when a write the reply does not depend on failed and was skipped (for a metric). */
  onWriteSkipped?: (write: string) => void;
}

/** Where a command was sent. */
export interface Chat {
  /** Platform-specific id, unique per platform. */
  id: string;
  kind: 'private' | 'group' | 'channel';
}

/** Who sent it. `admin` is computed by the adapter from the platform, server side. */
export interface User {
  id: string;
  name?: string;
  admin: boolean;
}

/** Everything a handler gets besides its arguments. */
export interface CommandContext {
  services: Services;
  platform: Platform;
  chat: Chat;
  user: User;
  locale: Locale;
  t: Translate;
  /** Every loaded command, for /help. */
  commands: readonly Command[];
}
