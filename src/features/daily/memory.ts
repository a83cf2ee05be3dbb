/** The daily part in memory (tests, and the terminal when no data folder can be used). */
import { type ChatKey, parseChatKey } from '../../kernel/identity.ts';
import {
  type DailyStore,
  DELIVERY_DEFAULTS,
  type Delivery,
  type DeliveryKey,
  type DeliveryKind,
  type DeliveryPatch,
  type DeliveryStatus,
  deliveryId,
  type GoneCount,
  type GoneDisable,
  type Rotation,
  SUBSCRIPTION_DEFAULTS,
  type Subscription,
} from './store.ts';

const copy = <T>(value: T): T => structuredClone(value);

/** DailyStore in Maps. */
export class MemoryDaily implements DailyStore {
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #rotations = new Map<string, Rotation>();
  readonly #deliveries = new Map<string, Delivery>();

  /** It keeps nothing per person: linking accounts moves nothing. */
  async moveUser(): Promise<void> {}

  async moveChat(from: ChatKey, to: ChatKey): Promise<void> {
    const sub = this.#subscriptions.get(from);
    this.#subscriptions.delete(to);
    if (sub) {
      const chatId = parseChatKey(to)?.chatId ?? to;
      this.#subscriptions.set(to, { ...sub, chatKey: to, chatId });
      this.#subscriptions.delete(from);
    }
    const rotation = this.#rotations.get(from);
    this.#rotations.delete(to);
    if (rotation) this.#rotations.set(to, rotation);
    this.#rotations.delete(from);
    for (const [id, d] of [...this.#deliveries]) {
      if (d.chatKey !== from) continue;
      this.#deliveries.delete(id);
      const moved = { ...d, chatKey: to };
      this.#deliveries.set(deliveryId(moved), moved);
    }
  }

  async getSubscription(chatKey: string): Promise<Subscription | undefined> {
    const sub = this.#subscriptions.get(chatKey);
    return sub && copy(sub);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return [...this.#subscriptions.values()]
      .sort((a, b) => (a.chatKey < b.chatKey ? -1 : a.chatKey > b.chatKey ? 1 : 0))
      .map(copy);
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    // As SQLite stores it: the thread and role settings' defaults filled in.
    this.#subscriptions.set(subscription.chatKey, copy({ ...SUBSCRIPTION_DEFAULTS, ...subscription }));
  }

  async deleteSubscription(chatKey: string): Promise<boolean> {
    return this.#subscriptions.delete(chatKey);
  }

  async resetGone(chatKey: string): Promise<boolean> {
    const sub = this.#subscriptions.get(chatKey);
    if (!sub || sub.goneDays === 0) return false;
    Object.assign(sub, { goneDays: 0, lastGoneDate: null });
    return true;
  }

  async markGone(chatKey: string, today: string, disable: GoneDisable): Promise<GoneCount | undefined> {
    const sub = this.#subscriptions.get(chatKey);
    if (!sub || sub.lastGoneDate === today) return undefined;
    const goneDays = sub.goneDays + 1;
    const disabledAt = goneDays >= disable.after ? disable.at : sub.disabledAt;
    Object.assign(sub, { goneDays, lastGoneDate: today, disabledAt });
    return { goneDays, disabledAt };
  }

  async getRotation(chatKey: string): Promise<Rotation | undefined> {
    const rotation = this.#rotations.get(chatKey);
    return rotation && copy(rotation);
  }

  async putRotation(chatKey: string, rotation: Rotation): Promise<void> {
    this.#rotations.set(chatKey, copy(rotation));
  }

  async getDelivery(key: DeliveryKey): Promise<Delivery | undefined> {
    const d = this.#deliveries.get(deliveryId(key));
    return d && copy(d);
  }

  async insertDelivery(delivery: Delivery): Promise<boolean> {
    const id = deliveryId(delivery);
    if (this.#deliveries.has(id)) return false;
    this.#deliveries.set(id, copy({ ...DELIVERY_DEFAULTS, ...delivery }));
    return true;
  }

  async updateDelivery(
    key: DeliveryKey,
    from: readonly DeliveryStatus[],
    patch: DeliveryPatch,
  ): Promise<boolean> {
    const id = deliveryId(key);
    const d = this.#deliveries.get(id);
    if (!d || !from.includes(d.status)) return false;
    const next = { ...d };
    for (const [field, value] of Object.entries(patch)) {
      if (value !== undefined) Object.assign(next, { [field]: value });
    }
    this.#deliveries.set(id, next);
    return true;
  }

  async deliveriesByStatus(statuses: readonly DeliveryStatus[]): Promise<Delivery[]> {
    return [...this.#deliveries.values()]
      .filter((d) => statuses.includes(d.status))
      .sort((a, b) => a.dueAt - b.dueAt)
      .map(copy);
  }

  async chatsWithDelivery(kind: DeliveryKind, slot: string): Promise<Set<string>> {
    const out = new Set<string>();
    for (const d of this.#deliveries.values()) if (d.kind === kind && d.slot === slot) out.add(d.chatKey);
    return out;
  }

  async recentDeliveries(chatKey: string, limit: number): Promise<Delivery[]> {
    return [...this.#deliveries.values()]
      .filter((d) => d.chatKey === chatKey)
      .sort((a, b) => b.dueAt - a.dueAt)
      .slice(0, limit)
      .map(copy);
  }

  async pruneDeliveries(before: number): Promise<number> {
    let removed = 0;
    for (const [id, d] of [...this.#deliveries]) {
      if (d.dueAt >= before || ['due', 'sending', 'retry'].includes(d.status)) continue;
      this.#deliveries.delete(id);
      removed++;
    }
    return removed;
  }
}
