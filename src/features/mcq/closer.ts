/**
 * Shows closed questions closed: each tick takes the closings that are due (a round's question whose time
 * is up or whose round was stopped, a daily post at its reveal) and redraws their messages with the
 * distribution and without answer buttons (`closed.ts`), through the platform's outbox `edit` (paced
 * there within the platform's limits). A closing is marked shown once the edit was taken, so after a
 * restart the ones not shown yet are redrawn (an edit is idempotent). A platform without `edit`
 * (Telegram's quiz polls close themselves) only has its closings marked. A failed edit is tried again
 * on later ticks, for at most `GIVE_UP_MS` after the close; a message gone is given up at once.
 */
import { type Platform, postingContext, type Services } from '../../kernel/context.ts';
import type { Logger } from '../../kernel/log.ts';
import { DeliveryError, type Outbox } from '../../kernel/outbox.ts';
import type { Asked } from './asked.ts';
import { itemOf } from './asked.ts';
import { closedReply } from './closed.ts';
import { CLOSINGS_PER_TICK, type Closing } from './closings.ts';

/** A closing whose edit keeps failing is given up this long after it closed. */
export const GIVE_UP_MS = 3_600_000;

/** Redraws due closings; one tick at a time per closing (an edit in flight is not started again). */
export class Closer {
  readonly #inflight = new Set<string>();

  constructor(readonly options: { services: Services; log: Logger }) {}

  /** Redraws what is due at `now` on the platforms of `outboxes`; resolves when those edits ended. */
  async tick(outboxes: ReadonlyMap<Platform, Outbox>, now: number): Promise<void> {
    const { closings } = this.options.services.store;
    const due = (await closings.due(now, CLOSINGS_PER_TICK)).filter(
      (c) => outboxes.has(c.platform) && !this.#inflight.has(keyOf(c)),
    );
    await Promise.all(
      due.map(async (c) => {
        this.#inflight.add(keyOf(c));
        try {
          await this.#close(c, outboxes.get(c.platform), now);
        } finally {
          this.#inflight.delete(keyOf(c));
        }
      }),
    );
  }

  async #close(c: Closing, outbox: Outbox | undefined, now: number): Promise<void> {
    const { services, log } = this.options;
    const done = () => services.store.closings.shown(c.chatKey, c.questionId, now);
    const entry = services.kb.get(c.entryId);
    const asked: Asked = {
      entryId: c.entryId,
      item: c.item,
      order: c.order,
      sentAt: c.sentAt,
      locale: c.locale,
    };
    if (!outbox?.edit || !c.messageId || !entry || !itemOf(entry, asked)) return done();
    const ctx = postingContext(services, c, 'dlkb-close');
    try {
      await outbox.edit(c.chatId, c.messageId, await closedReply(ctx, entry, asked, c.title), {
        locale: c.locale,
      });
      await done();
    } catch (error) {
      const gone = error instanceof DeliveryError && error.kind === 'gone';
      const late = now - (c.closeAt ?? now) > GIVE_UP_MS;
      log.warn({ err: error, chat: c.chatKey, giveUp: gone || late }, 'mcq: closing a question failed');
      if (gone || late) await done();
    }
  }
}

function keyOf(c: Pick<Closing, 'chatKey' | 'questionId'>): string {
  return `${c.chatKey}\u0000${c.questionId}`;
}
