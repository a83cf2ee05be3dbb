/** Reminders kept in memory (tests, and the terminal when no data folder can be used). */
import type { Reminder, ReminderSend, ReminderSendPatch, ReminderStatus, ReminderStore } from './store.ts';

const sendKey = (userKey: string, date: string) => `${userKey}\n${date}`;

/** ReminderStore in Maps. */
export class MemoryReminders implements ReminderStore {
  readonly #reminders = new Map<string, Reminder>();
  readonly #sends = new Map<string, ReminderSend>();

  async get(userKey: string): Promise<Reminder | undefined> {
    const r = this.#reminders.get(userKey);
    return r ? { ...r } : undefined;
  }

  async put(reminder: Reminder): Promise<void> {
    this.#reminders.set(reminder.userKey, { ...reminder });
  }

  async active(): Promise<Reminder[]> {
    return [...this.#reminders.values()].filter((r) => r.on).map((r) => ({ ...r }));
  }

  async getSend(userKey: string, date: string): Promise<ReminderSend | undefined> {
    const s = this.#sends.get(sendKey(userKey, date));
    return s ? { ...s } : undefined;
  }

  async insertSend(send: ReminderSend): Promise<boolean> {
    const key = sendKey(send.userKey, send.date);
    if (this.#sends.has(key)) return false;
    this.#sends.set(key, { ...send });
    return true;
  }

  async updateSend(
    userKey: string,
    date: string,
    from: readonly ReminderStatus[],
    patch: ReminderSendPatch,
  ): Promise<boolean> {
    const key = sendKey(userKey, date);
    const s = this.#sends.get(key);
    if (!s || !from.includes(s.status)) return false;
    this.#sends.set(key, { ...s, ...patch });
    return true;
  }

  async sendsByStatus(statuses: readonly ReminderStatus[]): Promise<ReminderSend[]> {
    return [...this.#sends.values()].filter((s) => statuses.includes(s.status)).map((s) => ({ ...s }));
  }

  async pruneSends(before: number): Promise<number> {
    let removed = 0;
    for (const [key, s] of this.#sends) {
      if (s.updatedAt < before && s.status !== 'sending') {
        this.#sends.delete(key);
        removed++;
      }
    }
    return removed;
  }
}
