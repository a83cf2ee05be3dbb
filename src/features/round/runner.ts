/**
 * Runs the group rounds. A timer ticks every second; each tick takes the rounds whose next step is due
 * and, for each, either posts its next question or, after the last one closed, ends it with its
 * scoreboard. A question is recorded as posted (`claim`) before it is sent, so no restart or failure
 * ever posts it twice. After a restart the rounds go on at their next question; a round whose step is
 * overdue by more than `staleMs` (the bot was down for long) ends at once with the scoreboard of what
 * was played. Pace: one message per round per step, a step every ≥ 10 s, so at most 7 messages a minute
 * in a chat (Telegram allows 20 in a group). Each question's closing (`mcq/closings.ts`) is stored with
 * its claim, closing when the next step is due; the same tick redraws the questions that closed
 * (`mcq/closer.ts`: the distribution and the right option, on platforms that edit messages).
 */
import type { Platform, Services } from '../../kernel/context.ts';
import type { Logger } from '../../kernel/log.ts';
import type { Outbox } from '../../kernel/outbox.ts';
import type { Reply, ReplyChoice } from '../../kernel/reply.ts';
import { requireEntry } from '../knowledge/views.ts';
import { questionId } from '../mcq/asked.ts';
import { Closer } from '../mcq/closer.ts';
import { questionReply } from '../mcq/views.ts';
import { roundContext } from './context.ts';
import { scoreboardReply } from './scoreboard.ts';
import type { RoundRecord } from './store.ts';

/** Telegram's longest poll question; the progress goes before the stem when both fit. */
const POLL_QUESTION_MAX = 300;

/** A question as a native poll: open `seconds`, its progress before the stem when it fits. */
function roundChoice(choice: ReplyChoice, progress: string, seconds: number): ReplyChoice {
  const question = `${progress}\n${choice.question}`;
  return {
    ...choice,
    question: [...question].length <= POLL_QUESTION_MAX ? question : choice.question,
    openSeconds: seconds,
  };
}

/** A step overdue by more than this (the bot was down) ends the round instead of going on. */
export const DEFAULT_STALE_MS = 5 * 60_000;

/** The group rounds' runner, reachable by commands as `ctx.services.rounds`. */
export interface RoundRunner {
  /** Lets the runner post to a platform; a later call for the same platform replaces it. */
  attach(outbox: Outbox): void;
  /** True when it can post to the platform (an outbox is attached). */
  serves(platform: Platform): boolean;
  /** Ticks now and then every `intervalMs`. */
  start(): void;
  /** Stops ticking and waits for the tick in flight. */
  stop(): Promise<void>;
  /** Does what is due now; resolves when its sends have ended (tests). */
  tick(): Promise<void>;
}

/** Options of `createRoundRunner`. */
export interface RoundOptions {
  services: Services;
  log: Logger;
  /** The clock; default `services.now`. */
  now?: () => Date;
  /** Milliseconds between ticks; default 1000. */
  intervalMs?: number;
  /** See `DEFAULT_STALE_MS`. */
  staleMs?: number;
}

/** Creates the runner; nothing runs before `start` (or a `tick`). */
export function createRoundRunner(options: RoundOptions): RoundRunner {
  return new Runner(options);
}

class Runner implements RoundRunner {
  readonly #o: RoundOptions;
  readonly #outboxes = new Map<Platform, Outbox>();
  readonly #closer: Closer;
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: RoundOptions) {
    this.#o = options;
    this.#closer = new Closer(options);
  }

  #now(): number {
    return (this.#o.now ?? this.#o.services.now)().getTime();
  }

  attach(outbox: Outbox): void {
    this.#outboxes.set(outbox.platform, outbox);
  }

  serves(platform: Platform): boolean {
    return this.#outboxes.has(platform);
  }

  start(): void {
    if (this.#timer) return;
    this.#background();
    this.#timer = setInterval(() => this.#background(), this.#o.intervalMs ?? 1000);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all([this.#ticking, this.#closing]);
  }

  #background(): void {
    this.tick().catch((error: unknown) => this.#o.log.error({ err: error }, 'round: tick failed'));
  }

  tick(): Promise<void> {
    // One tick at a time: a slow send delays the next tick, never doubles a step. Closing edits wait
    // for their message's pace apart, so they never hold up the next question.
    this.#ticking ??= this.#step().finally(() => {
      this.#ticking = undefined;
    });
    // Closing edits are one replica's work (the fan-out lease holder's), so they are not made N times.
    if (this.#o.services.daily?.leading !== false)
      this.#closing ??= this.#closer.tick(this.#outboxes, this.#now()).finally(() => {
        this.#closing = undefined;
      });
    return Promise.all([this.#ticking, this.#closing]).then(() => {});
  }

  async #step(): Promise<void> {
    const now = this.#now();
    const due = (await this.#o.services.store.rounds.due(now)).filter((r) => this.#outboxes.has(r.platform));
    await Promise.all(
      due.map((round) =>
        // One round's failure (an entry gone from the knowledge base) never holds up the others; its
        // step is recorded already, so the next tick moves past it.
        this.#advance(round, now).catch((error: unknown) =>
          this.#o.log.error({ err: error, chat: round.chatKey }, 'round: step failed'),
        ),
      ),
    );
  }

  async #advance(round: RoundRecord, now: number): Promise<void> {
    const { store } = this.#o.services;
    const stale = now - round.nextAt > (this.#o.staleMs ?? DEFAULT_STALE_MS);
    if (round.posted >= round.questions.length || stale) {
      if (!(await store.rounds.end(round.chatKey))) return;
      if (stale) this.#o.log.warn({ chat: round.chatKey }, 'round: overdue after a stop, ended');
      const ctx = roundContext(this.#o.services, round);
      await this.#send(
        round,
        await scoreboardReply(ctx, round, {
          asker: round.starter,
          end: stale ? 'interrupted' : 'over',
        }),
      );
      return;
    }
    const index = round.posted;
    const nextAt = now + round.settings.seconds * 1000;
    if (!(await store.rounds.claim(round.chatKey, index, now, nextAt))) return;
    const question = round.questions[index];
    if (!question) return;
    const ctx = roundContext(this.#o.services, round);
    const asked = {
      entryId: question.entryId,
      item: question.item,
      order: question.order,
      sentAt: now,
      locale: round.locale,
    };
    const reply = questionReply(ctx, requireEntry(ctx, question.entryId), asked, 0);
    const progress = ctx.t.plain('round.progress', {
      n: index + 1,
      total: round.questions.length,
      seconds: round.settings.seconds,
    });
    const title = `${progress} · ${reply.title ?? ''}`;
    const id = questionId(asked);
    await store.closings.open({
      ...asked,
      chatKey: round.chatKey,
      questionId: id,
      kind: 'round',
      platform: round.platform,
      chatId: round.chatId,
      title,
      owner: null,
      messageId: null,
      closeAt: nextAt,
      shownAt: null,
    });
    const messageId = await this.#send(round, {
      ...reply,
      title,
      ...(reply.choice ? { choice: roundChoice(reply.choice, progress, round.settings.seconds) } : {}),
    });
    if (messageId) await store.closings.sent(round.chatKey, id, messageId);
  }

  async #send(round: RoundRecord, reply: Reply): Promise<string | undefined> {
    const outbox = this.#outboxes.get(round.platform);
    try {
      return await outbox?.send(round.chatId, reply, { locale: round.locale });
    } catch (error) {
      // Not retried: the step is recorded, and a question sent twice is worse than one missing.
      this.#o.log.warn({ err: error, chat: round.chatKey }, 'round: send failed');
      return undefined;
    }
  }
}
