/** Shared pieces of the daily tests: a settable clock, a recording outbox, services over one loaded KB. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createServices, loadIndexedKnowledge } from '../../src/app/services.ts';
import { openAppStore } from '../../src/app/store.ts';
import {
  createDailyScheduler,
  type DailyOptions,
  type DailyScheduler,
} from '../../src/features/daily/scheduler.ts';
import type { Subscription } from '../../src/features/daily/store.ts';
import type { Store } from '../../src/features/parts.ts';
import type { Platform, Services } from '../../src/kernel/context.ts';
import type { Locale } from '../../src/kernel/i18n.ts';
import { type DeliveryError, type Outbox, personOf, type SendOptions } from '../../src/kernel/outbox.ts';
import type { Reply } from '../../src/kernel/reply.ts';
import { seeded } from '../support/random.ts';

/** Loaded once for every test file that imports this. */
const knowledge = loadIndexedKnowledge();
/** The knowledge base. */
export const kb = knowledge.kb;

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

  async send(target: string, reply: Reply, options?: SendOptions): Promise<string> {
    // As the Telegram adapter does: a person's private chat has the person's id.
    const chatId = personOf(target) ?? target;
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

/**
 * The app's services (as `createServices` builds them: the answers, polls and key points of `store`,
 * streaks and daily ratings on every review) over the shared knowledge, a store and a clock.
 */
export function makeServices(store: Store, clock: Clock, random = seeded(7)): Services {
  return createServices({ knowledge, store, now: clock.now, random });
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

/**
 * A subscription whose post is due whenever a test or bench runs (00:00 UTC, active since 1970), with no
 * scheduled reveal: every chat due at once.
 */
export function dueNow(chatId: string, over: Partial<Subscription> = {}): Subscription {
  return subscription(chatId, { time: '00:00', timezone: 'UTC', revealAfterHours: 0, ...over });
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dlkb-daily-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export { seeded };

/** One process of a restart test: its store on the shared file, its scheduler and what it sent. */
export interface Run {
  store: Store;
  daily: DailyScheduler;
  outbox: RecordingOutbox;
}

/**
 * Processes over one SQLite file, for restart tests (call inside a `describe`): `boot` opens the store in a
 * fresh temporary folder and a scheduler on it with a recording outbox; `down` stops one cleanly (a crash
 * is a run left as it is). After each test every run still open is stopped and the folder removed.
 */
export function restartable(): { boot(clock: Clock): Run; down(run: Run): Promise<void> } {
  let tmp: ReturnType<typeof tempDir>;
  const open: Run[] = [];
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(async () => {
    for (const run of open.splice(0)) await stopRun(run);
    tmp.remove();
  });
  return {
    boot(clock) {
      const store = openAppStore(tmp.dir);
      const { daily } = withScheduler(store, clock, { stopTimeoutMs: 0 });
      const outbox = new RecordingOutbox('telegram', clock);
      daily.attach(outbox);
      const run = { store, daily, outbox };
      open.push(run);
      return run;
    },
    async down(run) {
      open.splice(open.indexOf(run), 1);
      await stopRun(run);
    },
  };
}

async function stopRun(run: Run): Promise<void> {
  await run.daily.stop();
  await run.store.close();
}
