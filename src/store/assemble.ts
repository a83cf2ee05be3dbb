/**
 * Assembles feature stores from their parts, for either implementation: each part's store under its
 * name, one `transaction` over all of them, and `migrateChat` and
 * `migrateUser`, which ask every part to move its rows of a chat or merge those of a person.
 * It never names a feature: the parts are handed to it (by the composition root).
 */
import type { ChatKey, UserKey } from '../kernel/identity.ts';
import type { ChatRows, PartStores, StoreBase, StorePart } from './part.ts';

/** Names a part may not take: the assembled store's own members. */
const RESERVED = new Set(['transaction', 'migrateChat', 'migrateUser', 'close', 'file', 'backup']);

/** The store assembled from a list of parts. */
export type AssembledStore<Parts extends readonly StorePart[]> = PartStores<Parts> & StoreBase;

/**
 * Makes each part's store with `make` and joins them with `base` (the implementation's transaction and
 * close). @throws Error when two parts share a name or a part takes a reserved one (a programming error)
 */
export function assemble<const Parts extends readonly StorePart[]>(
  parts: Parts,
  make: (part: StorePart) => ChatRows,
  base: Omit<StoreBase, 'migrateChat' | 'migrateUser'>,
): AssembledStore<Parts> {
  const stores = new Map<string, ChatRows>();
  for (const part of parts) {
    if (stores.has(part.name) || RESERVED.has(part.name)) {
      throw new Error(`store part name ${part.name} is taken`);
    }
    stores.set(part.name, make(part));
  }
  const whole: StoreBase = {
    transaction: base.transaction,
    close: base.close,
    migrateChat(from: ChatKey, to: ChatKey): void {
      base.transaction(() => {
        for (const rows of stores.values()) rows.moveChat(from, to);
      });
    },
    migrateUser(from: UserKey, to: UserKey): void {
      if (from === to) return;
      base.transaction(() => {
        for (const rows of stores.values()) rows.moveUser(from, to);
      });
    },
  };
  // The mapped type `PartStores` cannot be built key by key in a way the compiler follows.
  return Object.assign(whole, Object.fromEntries(stores)) as AssembledStore<Parts>;
}
