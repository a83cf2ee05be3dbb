/** The closings part in memory (tests, and the terminal when no data folder can be used). */
import type { ChatKey } from '../../kernel/identity.ts';
import { CLOSING_KEPT_MS, type Closing, type ClosingKind, type ClosingStore } from './closings.ts';

const keyOf = (chatKey: string, questionId: string) => `${chatKey}\u0000${questionId}`;

/** ClosingStore over a map. */
export class MemoryClosings implements ClosingStore {
  readonly #rows = new Map<string, Closing>();

  async open(closing: Closing): Promise<boolean> {
    for (const [k, c] of this.#rows) if (c.sentAt < closing.sentAt - CLOSING_KEPT_MS) this.#rows.delete(k);
    const key = keyOf(closing.chatKey, closing.questionId);
    if (this.#rows.has(key)) return false;
    this.#rows.set(key, { ...closing });
    return true;
  }

  async get(chatKey: ChatKey, questionId: string): Promise<Closing | undefined> {
    const row = this.#rows.get(keyOf(chatKey, questionId));
    return row ? { ...row } : undefined;
  }

  async sent(chatKey: ChatKey, questionId: string, messageId: string): Promise<void> {
    const row = this.#rows.get(keyOf(chatKey, questionId));
    if (row) row.messageId = messageId;
  }

  async close(chatKey: ChatKey, questionId: string, at: number): Promise<boolean> {
    const row = this.#rows.get(keyOf(chatKey, questionId));
    if (!row || (row.closeAt !== null && row.closeAt <= at)) return false;
    row.closeAt = at;
    return true;
  }

  async closeChat(chatKey: ChatKey, kind: ClosingKind, at: number): Promise<number> {
    let n = 0;
    for (const row of this.#rows.values())
      if (row.chatKey === chatKey && row.kind === kind && (row.closeAt === null || row.closeAt > at)) {
        row.closeAt = at;
        n++;
      }
    return n;
  }

  async due(now: number, limit: number): Promise<Closing[]> {
    return [...this.#rows.values()]
      .filter((c) => c.closeAt !== null && c.closeAt <= now && c.messageId !== null && c.shownAt === null)
      .sort((a, b) => (a.closeAt ?? 0) - (b.closeAt ?? 0))
      .slice(0, limit)
      .map((c) => ({ ...c }));
  }

  async shown(chatKey: ChatKey, questionId: string, at: number): Promise<void> {
    const row = this.#rows.get(keyOf(chatKey, questionId));
    if (row) row.shownAt = at;
  }

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    const chatId = to.slice(to.indexOf(':') + 1);
    for (const [k, row] of [...this.#rows]) {
      if (row.chatKey === to) this.#rows.delete(k);
    }
    for (const [k, row] of [...this.#rows]) {
      if (row.chatKey !== from) continue;
      this.#rows.delete(k);
      this.#rows.set(keyOf(to, row.questionId), { ...row, chatKey: to, chatId });
    }
  }

  /** Closings belong to questions, not to people: nothing to merge. */
  async moveUser(): Promise<void> {}
}
