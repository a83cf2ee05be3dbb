/** The polls part in memory (tests, and the terminal when no data folder can be used). */
import type { ChatKey } from '../../kernel/identity.ts';
import { POLL_KEPT_MS, type PollRecord, type PollStore } from './polls.ts';

/** PollStore over a map. */
export class MemoryPolls implements PollStore {
  readonly #polls = new Map<string, PollRecord>();

  async remember(poll: PollRecord): Promise<void> {
    for (const [id, p] of this.#polls) if (p.sentAt < poll.sentAt - POLL_KEPT_MS) this.#polls.delete(id);
    this.#polls.set(poll.pollId, { ...poll, answers: [...poll.answers] });
  }

  async recall(pollId: string): Promise<PollRecord | undefined> {
    const poll = this.#polls.get(pollId);
    return poll ? { ...poll, answers: [...poll.answers] } : undefined;
  }

  /** It keeps nothing per person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    for (const poll of this.#polls.values()) if (poll.chatKey === from) poll.chatKey = to;
  }
}
