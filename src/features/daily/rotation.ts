/**
 * A chat's rotation: the eligible entries in a shuffled order, asked one a day; no entry repeats until
 * every one was asked, then a new round starts with a new order. Entries added to the knowledge base
 * join the current round; removed ones are skipped; a changed category filter starts a new round.
 */

import type { KnowledgeBase } from '../knowledge/base.ts';
import type { Rotation } from './store.ts';

/** The ids of the entries a chat may be asked (a category that no longer exists means all). */
export function eligibleIds(kb: KnowledgeBase, category: string | null): string[] {
  const filtered = category && kb.category(category) ? kb.inCategory(category) : kb.entries;
  return filtered.map((e) => e.id);
}

/** A Fisher–Yates shuffled copy. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** The rotation still in use for this filter, with newly added eligible entries appended; or undefined. */
function current(
  rotation: Rotation | undefined,
  eligible: readonly string[],
  category: string | null,
  random: () => number,
): Rotation | undefined {
  if (!rotation || rotation.category !== category) return undefined;
  const known = new Set(rotation.order);
  const added = eligible.filter((id) => !known.has(id));
  return added.length === 0
    ? rotation
    : { ...rotation, order: [...rotation.order, ...shuffle(added, random)] };
}

/**
 * The next entry to ask and the rotation after asking it; null when nothing is eligible.
 * The first entry of a new round is never the last one of the previous round.
 */
export function pickNext(
  rotation: Rotation | undefined,
  eligible: readonly string[],
  category: string | null,
  random: () => number,
): { entryId: string; rotation: Rotation } | null {
  if (eligible.length === 0) return null;
  const allowed = new Set(eligible);
  const live = current(rotation, eligible, category, random);
  if (live) {
    for (let i = live.position; i < live.order.length; i++) {
      const id = live.order[i];
      if (id !== undefined && allowed.has(id)) return { entryId: id, rotation: { ...live, position: i + 1 } };
    }
  }
  const order = shuffle(eligible, random);
  const last = rotation?.order[rotation.position - 1];
  if (order.length > 1 && order[0] === last) order.push(order.shift() as string);
  const first = order[0] as string;
  return { entryId: first, rotation: { round: (rotation?.round ?? 0) + 1, category, order, position: 1 } };
}

/** How many eligible entries the current round has left to ask (all of them when no round is running). */
export function remaining(
  rotation: Rotation | undefined,
  eligible: readonly string[],
  category: string | null,
): number {
  if (!rotation || rotation.category !== category) return eligible.length;
  const allowed = new Set(eligible);
  const asked = new Set(rotation.order.slice(0, rotation.position));
  let left = 0;
  for (const id of allowed) if (!asked.has(id)) left++;
  return left;
}
