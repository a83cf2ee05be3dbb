/** The answers part in memory (tests, and the terminal when no data folder can be used). */
import type { ChatKey, UserKey } from '../../kernel/identity.ts';
import type { AnswerRecord } from './answer.ts';
import {
  type ActivitySource,
  type AnswerMoment,
  type AnswerStore,
  type CategoryTally,
  type OptionCount,
  QUARTER_MS,
  type Span,
  type Tally,
} from './store.ts';

const key = (...parts: string[]) => parts.join('\u0000');

/** Oldest first; ties by person, then question (the SQL store's order too). */
function byTime(a: AnswerRecord, b: AnswerRecord): number {
  if (a.answeredAt !== b.answeredAt) return a.answeredAt - b.answeredAt;
  if (a.userKey !== b.userKey) return a.userKey < b.userKey ? -1 : 1;
  return a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0;
}

/** AnswerStore over arrays and maps. */
export class MemoryAnswers implements AnswerStore {
  /** By chat, user and question: the ledger's identity. */
  readonly #answers = new Map<string, AnswerRecord>();
  /** By user: day → sources. */
  readonly #days = new Map<string, Map<string, Set<ActivitySource>>>();

  async record(answer: AnswerRecord): Promise<boolean> {
    const id = key(answer.chatKey, answer.userKey, answer.questionId);
    if (this.#answers.has(id)) return false;
    this.#answers.set(id, { ...answer });
    return true;
  }

  #all(): AnswerRecord[] {
    return [...this.#answers.values()];
  }

  async tally(chatKey: string, span: Span, category?: string): Promise<Tally[]> {
    const byUser = new Map<string, Tally & { latest: number }>();
    for (const a of this.#all()) {
      if (a.chatKey !== chatKey || a.answeredAt < span.from || a.answeredAt >= span.to) continue;
      if (category !== undefined && a.category !== category) continue;
      const t = byUser.get(a.userKey) ?? {
        userKey: a.userKey,
        userName: a.userName,
        answered: 0,
        correct: 0,
        timeMs: 0,
        latest: Number.NEGATIVE_INFINITY,
      };
      t.answered += 1;
      t.correct += a.correct ? 1 : 0;
      t.timeMs += a.timeMs;
      if (a.answeredAt >= t.latest) {
        t.latest = a.answeredAt;
        t.userName = a.userName;
      }
      byUser.set(a.userKey, t);
    }
    return [...byUser.values()].map(({ latest: _, ...t }) => t);
  }

  async categories(user: UserKey): Promise<CategoryTally[]> {
    const by = new Map<string, CategoryTally>();
    for (const a of this.#all()) {
      if (a.userKey !== user) continue;
      const t = by.get(a.category) ?? { category: a.category, answered: 0, correct: 0 };
      t.answered += 1;
      t.correct += a.correct ? 1 : 0;
      by.set(a.category, t);
    }
    return [...by.values()];
  }

  async moments(user: UserKey): Promise<AnswerMoment[]> {
    const seen = new Map<string, AnswerMoment>();
    for (const a of this.#all()) {
      if (a.userKey !== user) continue;
      const at = Math.floor(a.answeredAt / QUARTER_MS) * QUARTER_MS;
      seen.set(key(a.chatKey, String(at)), { chatKey: a.chatKey, at });
    }
    return [...seen.values()];
  }

  async markActive(user: UserKey, day: string, source: ActivitySource): Promise<void> {
    const days = this.#days.get(user) ?? new Map<string, Set<ActivitySource>>();
    days.set(day, (days.get(day) ?? new Set()).add(source));
    this.#days.set(user, days);
  }

  async activeDays(user: UserKey): Promise<string[]> {
    return [...(this.#days.get(user)?.keys() ?? [])].sort();
  }

  async answersIn(chatKey: string): Promise<AnswerRecord[]> {
    return this.#all()
      .filter((a) => a.chatKey === chatKey)
      .sort(byTime)
      .map((a) => ({ ...a }));
  }

  async answerOf(chatKey: string, user: UserKey, questionId: string): Promise<AnswerRecord | undefined> {
    const a = this.#answers.get(key(chatKey, user, questionId));
    return a ? { ...a } : undefined;
  }

  async counts(chatKey: string, questionId: string): Promise<OptionCount[]> {
    const by = new Map<number, number>();
    for (const a of this.#answers.values())
      if (a.chatKey === chatKey && a.questionId === questionId) by.set(a.chosen, (by.get(a.chosen) ?? 0) + 1);
    return [...by].sort(([a], [b]) => a - b).map(([chosen, count]) => ({ chosen, count }));
  }

  async forget(user: UserKey): Promise<number> {
    let deleted = 0;
    for (const [id, a] of this.#answers) {
      if (a.userKey !== user) continue;
      this.#answers.delete(id);
      deleted += 1;
    }
    for (const sources of this.#days.get(user)?.values() ?? []) deleted += sources.size;
    this.#days.delete(user);
    return deleted;
  }

  /**
   * Merges a person's answers and active days into another's. An asked question both answered (two
   * accounts in one chat) keeps the answer already counted for `to`.
   */
  async moveUser(from: UserKey, to: UserKey): Promise<void> {
    if (from === to) return;
    for (const [id, a] of [...this.#answers]) {
      if (a.userKey !== from) continue;
      this.#answers.delete(id);
      const mine = key(a.chatKey, to, a.questionId);
      if (!this.#answers.has(mine)) this.#answers.set(mine, { ...a, userKey: to });
    }
    for (const [day, sources] of this.#days.get(from) ?? []) {
      for (const source of sources) await this.markActive(to, day, source);
    }
    this.#days.delete(from);
  }

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    for (const [id, a] of this.#answers) if (a.chatKey === to) this.#answers.delete(id);
    for (const [id, a] of [...this.#answers]) {
      if (a.chatKey !== from) continue;
      this.#answers.delete(id);
      this.#answers.set(key(to, a.userKey, a.questionId), { ...a, chatKey: to });
    }
  }
}
