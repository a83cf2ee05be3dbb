/** The store in memory: tests, and the terminal when no data folder can be used. */
import { type AssembledStore, assemble } from './assemble.ts';
import { Exclusive } from './exclusive.ts';
import type { StorePart } from './part.ts';

/**
 * A store of `parts` that lives as long as the process. Its transactions run one at a time, with other
 * calls held back meanwhile, but do not roll back.
 */
export function memoryStore<const Parts extends readonly StorePart[]>(parts: Parts): AssembledStore<Parts> {
  const exclusive = new Exclusive();
  return assemble(
    parts,
    (part) => part.memory(),
    {
      transaction: (fn) => exclusive.transaction(fn),
      savepoint: (fn) => exclusive.transaction(fn),
      close: async () => {},
    },
    exclusive,
  );
}
