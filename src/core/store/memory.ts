import type { Store } from './store.ts';

/** A store that lives as long as the process. */
export class MemoryStore implements Store {
  readonly #recent = new Map<string, string[]>();

  recentQuiz(chatKey: string): string[] {
    return [...(this.#recent.get(chatKey) ?? [])];
  }

  rememberQuiz(chatKey: string, entryId: string, keep: number): void {
    const list = [entryId, ...(this.#recent.get(chatKey) ?? []).filter((id) => id !== entryId)].slice(
      0,
      keep,
    );
    this.#recent.set(chatKey, list);
  }

  migrateChat(fromKey: string, toKey: string): void {
    const list = this.#recent.get(fromKey);
    if (list) this.#recent.set(toKey, list);
    this.#recent.delete(fromKey);
  }

  close(): void {
    this.#recent.clear();
  }
}
