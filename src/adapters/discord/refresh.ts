/**
 * Redraws of a public message (a question with its count of answers), paced for Discord's rate limits:
 * at most one edit of a message per interval. The first redraw goes at once; the ones during the
 * interval wait, and only the latest of them is sent when it ends, so the message always ends up
 * showing the last count while a burst of 500 presses costs a handful of edits. The interval starts
 * when an edit has been answered, not when it was started: under load the request can leave late
 * (behind a burst of interaction answers), and two edits must not then reach Discord close together.
 * A final edit (a closed question) is paced the same way, and every later redraw of that message is
 * dropped, so a count computed before the close can never bring the answer buttons back.
 */
import type { Logger } from '../../kernel/log.ts';
import { logFields } from './errors.ts';

interface Slot {
  /** Set once the edit under way was answered; until then the interval has not started. */
  timer?: NodeJS.Timeout;
  /** The latest redraw asked for during the interval, sent when it ends. */
  next?: () => Promise<unknown>;
}

/** How many finally edited messages are remembered (oldest forgotten first). */
const FINAL_KEPT = 10_000;

/** Paces the edits of each message: one per `intervalMs` at most, the latest wins. */
export class EditPacer {
  readonly #slots = new Map<string, Slot>();
  readonly #inflight = new Set<Promise<void>>();
  readonly #final = new Set<string>();

  constructor(readonly options: { intervalMs: number; log: Logger }) {}

  /**
   * Edits message `messageId` with `edit` now, or at the end of its interval (replacing a waiting edit);
   * nothing once the message had its final edit.
   */
  schedule(messageId: string, edit: () => Promise<unknown>): void {
    if (this.#final.has(messageId)) return;
    this.#enqueue(messageId, edit);
  }

  /**
   * The last edit of a message, paced like the others (it replaces a waiting one); later `schedule`s of
   * the message are dropped. Resolves when it was answered, rejects with its error.
   */
  final(messageId: string, edit: () => Promise<unknown>): Promise<void> {
    this.#final.delete(messageId);
    this.#final.add(messageId);
    if (this.#final.size > FINAL_KEPT) {
      const oldest = this.#final.values().next().value;
      if (oldest !== undefined) this.#final.delete(oldest);
    }
    return new Promise((resolve, reject) => {
      this.#enqueue(messageId, () =>
        edit().then(
          () => resolve(),
          (error: unknown) => {
            reject(error);
            throw error;
          },
        ),
      );
    });
  }

  #enqueue(messageId: string, edit: () => Promise<unknown>): void {
    const slot = this.#slots.get(messageId);
    if (slot) slot.next = edit;
    else this.#run(messageId, edit);
  }

  /** Messages with an interval running (for tests and metrics). */
  get pacing(): number {
    return this.#slots.size;
  }

  /** Sends every waiting edit now, waits for the edits under way, and stops pacing. */
  async flush(): Promise<void> {
    const waiting = [...this.#slots.values()];
    this.#slots.clear();
    for (const slot of waiting) {
      clearTimeout(slot.timer);
      if (slot.next) this.#send(slot.next);
    }
    await Promise.allSettled([...this.#inflight]);
  }

  #run(messageId: string, edit: () => Promise<unknown>): void {
    const slot: Slot = {};
    this.#slots.set(messageId, slot);
    this.#send(edit, () => {
      // Flushed meanwhile: nothing is paced any more.
      if (this.#slots.get(messageId) !== slot) return;
      slot.timer = setTimeout(() => {
        this.#slots.delete(messageId);
        if (slot.next) this.#run(messageId, slot.next);
      }, this.options.intervalMs);
      slot.timer.unref();
    });
  }

  #send(edit: () => Promise<unknown>, settled?: () => void): void {
    const task = edit().then(
      () => {},
      // Deleted, no access (a DM, a user-installed app), rate limited: the count is cosmetic.
      (error: unknown) => this.options.log.warn(logFields(error), 'discord message redraw failed'),
    );
    this.#inflight.add(task);
    void task.finally(() => {
      this.#inflight.delete(task);
      settled?.();
    });
  }
}
