/** Shared pieces of the daily tests: a settable clock, a recording outbox, services over one loaded KB. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDailyScheduler,
  type DailyOptions,
  type DailyScheduler,
} from '../../src/features/daily/scheduler.ts';
import type { Subscription } from '../../src/features/daily/store.ts';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { LINK_ATTEMPTS } from '../../src/features/link/link.ts';
import type { Store } from '../../src/features/parts.ts';
import { reportsPart } from '../../src/features/reports/part.ts';
import { SearchIndex } from '../../src/features/search/index.ts';
import type { Platform, Services } from '../../src/kernel/context.ts';
import type { Locale } from '../../src/kernel/i18n.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { DeliveryError, Outbox, SendOptions } from '../../src/kernel/outbox.ts';
import { RateLimiter } from '../../src/kernel/rate-limit.ts';
import type { Reply } from '../../src/kernel/reply.ts';
import { seeded } from '../support/random.ts';

/** Loaded once for every test file that imports this. */
export const kb = loadKnowledge();
const search = SearchIndex.of(kb);

/** A clock tests move by hand. */
export class Clock {
  t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  now = (): Date => new Date(this.t);
}

/** One message the recording outbox accepted. */
export interface Sent {
  id: string;
  chatId: string;
  reply: Reply;
  replyTo?: string;
  locale?: Locale;
  at: number;
}

/**
 * An outbox that records what it sends. `fail` decides per send: return a DeliveryError to throw it,
 * `'hang'` to never settle, or undefined to succeed.
 */
export class RecordingOutbox implements Outbox {
  readonly sent: Sent[] = [];
  attempts = 0;
  fail: ((chatId: string, attempt: number) => DeliveryError | 'hang' | undefined) | undefined;
  #next = 100;

  constructor(
    readonly platform: Platform,
    readonly clock?: Clock,
  ) {}

  async send(chatId: string, reply: Reply, options?: SendOptions): Promise<string> {
    this.attempts++;
    const failure = this.fail?.(chatId, this.attempts);
    if (failure === 'hang') return new Promise<string>(() => {});
    if (failure) throw failure;
    const id = String(this.#next++);
    this.sent.push({
      id,
      chatId,
      reply,
      replyTo: options?.replyTo,
      locale: options?.locale,
      at: this.clock?.t ?? Date.now(),
    });
    return id;
  }

  /** Sends to one chat. */
  to(chatId: string): Sent[] {
    return this.sent.filter((s) => s.chatId === chatId);
  }
}

/** Services over the shared knowledge base, with a store and clock. */
export function makeServices(store: Store, clock: Clock, random = seeded(7)): Services {
  return {
    kb,
    search,
    store,
    scores: store.answers,
    keyPoints: store.keyPoints,
    reports: reportsPart.memory(),
    log: silentLogger(),
    now: clock.now,
    linkAttempts: new RateLimiter(LINK_ATTEMPTS),
    random,
  };
}

/** Services with a scheduler (no pacing, fast retries) as `services.daily`. */
export function withScheduler(
  store: Store,
  clock: Clock,
  options: Partial<Omit<DailyOptions, 'services' | 'log'>> = {},
): { services: Services; daily: DailyScheduler } {
  const services = makeServices(store, clock);
  const unpaced = { perSecond: Number.POSITIVE_INFINITY, burst: 1, concurrency: 4 };
  const daily = createDailyScheduler({
    services,
    log: services.log,
    lanes: { telegram: unpaced, discord: unpaced, terminal: unpaced },
    retry: { baseMs: 1, maxMs: 8 },
    ...options,
  });
  services.daily = daily;
  return { services, daily };
}

/** A subscription with defaults (09:00 Asia/Shanghai, 8 h reveal, active since long ago). */
export function subscription(chatId: string, over: Partial<Subscription> = {}): Subscription {
  const platform = over.platform ?? 'telegram';
  return {
    chatKey: `${platform}:${chatId}`,
    platform,
    chatId,
    time: '09:00',
    timezone: 'Asia/Shanghai',
    category: null,
    revealAfterHours: 8,
    locale: 'zh-CN',
    activeFrom: 0,
    goneDays: 0,
    lastGoneDate: null,
    disabledAt: null,
    thread: 'on',
    threadArchiveMinutes: 1440,
    roleId: null,
    format: 'flashcard',
    pick: 'rotation',
    digest: null,
    ...over,
  };
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dlkb-daily-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export { seeded };
