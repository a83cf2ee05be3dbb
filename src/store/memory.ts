/** The store in memory: tests, and the terminal when no data folder can be used. */
import { type AssembledStore, assemble } from './assemble.ts';
import type { StorePart } from './part.ts';

/**
 * A store of `parts` that lives as long as the process. Its `transaction` does not roll back (nothing
 * else runs meanwhile).
 */
export function memoryStore<const Parts extends readonly StorePart[]>(parts: Parts): AssembledStore<Parts> {
  return assemble(parts, (part) => part.memory(), {
    transaction: (fn) => fn(),
    close: () => {},
  });
}
