/**
 * The order a multiple-choice item's options are shown in: one of the 24 orders of four options, drawn
 * at send time and carried in the answer buttons' action ids as its index, so a press is understood
 * without any stored state.
 */

/** Every order of four options; `ORDERS[i][shown] = the item's own index of the option shown at `shown`. */
export const ORDERS: readonly (readonly number[])[] = permutations([0, 1, 2, 3]);

function permutations(items: readonly number[]): number[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((first, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]),
  );
}

/** The order with this index (as a button argument), or undefined for anything else. */
export function orderAt(index: string | number): readonly number[] | undefined {
  const n = typeof index === 'number' ? index : /^\d{1,2}$/.test(index) ? Number(index) : -1;
  return ORDERS[n];
}

/** A random order's index. */
export function randomOrder(random: () => number): number {
  return Math.min(ORDERS.length - 1, Math.floor(random() * ORDERS.length));
}
