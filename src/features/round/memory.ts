/** The rounds part in memory (tests, and the terminal when no data folder can be used). */
import type { ChatKey } from '../../kernel/identity.ts';
import { claimed, type RoundRecord, type RoundStore } from './store.ts';

function copy(round: RoundRecord): RoundRecord {
  return structuredClone(round);
}

/** RoundStore over a map. */
export class MemoryRounds implements RoundStore {
  readonly #rounds = new Map<string, RoundRecord>();

  async start(round: RoundRecord): Promise<boolean> {
    if (this.#rounds.has(round.chatKey)) return false;
    this.#rounds.set(round.chatKey, copy(round));
    return true;
  }

  async get(chatKey: ChatKey): Promise<RoundRecord | undefined> {
    const round = this.#rounds.get(chatKey);
    return round ? copy(round) : undefined;
  }

  async due(now: number): Promise<RoundRecord[]> {
    return [...this.#rounds.values()]
      .filter((r) => r.nextAt <= now)
      .sort((a, b) => a.nextAt - b.nextAt)
      .map(copy);
  }

  async claim(chatKey: ChatKey, index: number, sentAt: number, nextAt: number): Promise<boolean> {
    const round = this.#rounds.get(chatKey);
    const next = round && claimed(round, index, sentAt, nextAt);
    if (!next) return false;
    this.#rounds.set(chatKey, next);
    return true;
  }

  async end(chatKey: ChatKey): Promise<RoundRecord | undefined> {
    const round = this.#rounds.get(chatKey);
    this.#rounds.delete(chatKey);
    return round;
  }

  /** A round keeps its chat’s state; its answers are in the answers part: linking moves nothing here. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    const round = this.#rounds.get(from);
    if (!round) return;
    this.#rounds.delete(from);
    const chatId = to.slice(to.indexOf(':') + 1);
    this.#rounds.set(to, { ...round, chatKey: to, chatId });
  }
}
