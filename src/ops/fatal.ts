/**
 * What ends the process, decided in one place. Fatal: what a restart with the same setup cannot get
 * past on its own: a configuration error, a startup error, a database that cannot be opened, a knowledge
 * base that does not load, a bad daily-question setting. Everything else that escapes (a failed update,
 * a send that failed after the webhook had answered, a network error) is logged, counted and survived:
 * one update must never take the bot down.
 */
import { ConfigError } from '../config.ts';
import { DailyConfigError } from '../features/daily/scheduler.ts';
import { KnowledgeError } from '../features/knowledge/errors.ts';
import { StoreError } from '../store/store.ts';
import { StartupError } from './startup-error.ts';

const FATAL = [ConfigError, StartupError, StoreError, KnowledgeError, DailyConfigError];

/** True when an error (or one of its causes) must end the process. */
export function isFatal(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (FATAL.some((kind) => e instanceof kind)) return true;
  }
  return false;
}
