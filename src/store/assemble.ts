/**
 * Assembles feature stores from their parts, for either implementation: each part's store under its
 * name, one `transaction` over all of them, and `migrateChat` and
 * `migrateUser`, which ask every part to move its rows of a chat or merge those of a person.
 * It never names a feature: the parts are handed to it (by the composition root).
 */
import type { ChatKey, UserKey } from '../kernel/identity.ts';
import type { Exclusive } from './exclusive.ts';
import type { ChatRows, PartStores, StoreBase, StorePart } from './part.ts';

/** Names a part may not take: the assembled store's own members. */
const RESERVED = new Set([
  'transaction',
  'savepoint',
  'migrateChat',
  'migrateUser',
  'close',
  'file',
  'backup',
]);

/** The store assembled from a list of parts. */
export type AssembledStore<Parts extends readonly StorePart[]> = PartStores<Parts> & StoreBase;

/**
 * A part's store whose every method first waits until no transaction is open (unless the caller is
 * inside it): on one connection, a statement from outside would otherwise land in the open transaction.
 */
function gated<T extends ChatRows>(rows: T, exclusive: Exclusive): T {
  return new Proxy(rows, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      // Checked and called in one go: a transaction could begin between an await and the call.
      const call = (args: unknown[]): unknown => {
        const wait = exclusive.idle();
        return wait === undefined ? value.apply(target, args) : wait.then(() => call(args));
      };
      return (...args: unknown[]): unknown => call(args);
    },
  });
}

/**
 * Makes each part's store with `make` and joins them with `base` (the implementation's transaction and
 * close). `exclusive`: the gate of an implementation with one connection (SQLite, memory), which every
 * part's calls then pass. @throws Error when two parts share a name or a part takes a reserved one (a
 * programming error)
 */
export function assemble<const Parts extends readonly StorePart[]>(
  parts: Parts,
  make: (part: StorePart) => ChatRows,
  base: Omit<StoreBase, 'migrateChat' | 'migrateUser'>,
  exclusive?: Exclusive,
): AssembledStore<Parts> {
  const stores = new Map<string, ChatRows>();
  for (const part of parts) {
    if (stores.has(part.name) || RESERVED.has(part.name)) {
      throw new Error(`store part name ${part.name} is taken`);
    }
    const rows = make(part);
    stores.set(part.name, exclusive ? gated(rows, exclusive) : rows);
  }
  const whole: StoreBase = {
    transaction: base.transaction,
    savepoint: base.savepoint,
    close: base.close,
    async migrateChat(from: ChatKey, to: ChatKey): Promise<void> {
      return await base.transaction(async () => {
        for (const rows of stores.values()) await rows.moveChat(from, to);
      });
    },
    async migrateUser(from: UserKey, to: UserKey): Promise<void> {
      if (from === to) return;
      await base.transaction(async () => {
        for (const rows of stores.values()) await rows.moveUser(from, to);
      });
    },
  };
  // The mapped type `PartStores` cannot be built key by key in a way the compiler follows.
  return Object.assign(whole, Object.fromEntries(stores)) as AssembledStore<Parts>;
}
