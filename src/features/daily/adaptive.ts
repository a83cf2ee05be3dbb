/**
 * The adaptive pick (`/daily subscribe pick:adaptive`): the next daily question is a weighted draw from
 * the chat's own answers. Each eligible entry weighs `(1 + 4 × wrong) / (1 + right)`, where `wrong` and
 * `right` count the answers the chat's members gave to that entry in that chat, each counted less the
 * older it is (half as much every 30 days). So entries the chat got wrong recently come back sooner and
 * entries it mostly got right wait longer; unanswered entries weigh 1. No entry posted in the chat in
 * the last 14 days is drawn; when every eligible entry was (a pool of 14 or fewer), the one posted
 * longest ago is asked. The draw uses the injected random source only, so it is deterministic under it.
 */
import type { AnswerRecord } from '../scores/answer.ts';
import type { Delivery } from './store.ts';

/** Days within which an entry posted in a chat is not drawn again. */
export const NO_REPEAT_DAYS = 14;
/** How fast an answer's weight fades: it counts half as much after this many days. */
export const HALF_LIFE_DAYS = 30;
/** How much one (fresh) wrong answer adds to an entry's weight. */
export const WRONG_BOOST = 4;

const DAY_MS = 86_400_000;

/** The last time each entry was posted in a chat (posts that never went out are left out). */
export function lastPosted(deliveries: readonly Delivery[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const d of deliveries) {
    if (d.kind !== 'post' || d.status === 'skipped' || d.status === 'failed') continue;
    last.set(d.entryId, Math.max(last.get(d.entryId) ?? Number.NEGATIVE_INFINITY, d.dueAt));
  }
  return last;
}

/** Each answered entry's weight from a chat's answers at `now` (entries absent weigh 1). */
export function weights(answers: readonly AnswerRecord[], now: number): Map<string, number> {
  const sums = new Map<string, { wrong: number; right: number }>();
  for (const a of answers) {
    const fade = 0.5 ** (Math.max(0, now - a.answeredAt) / (HALF_LIFE_DAYS * DAY_MS));
    const s = sums.get(a.entryId) ?? { wrong: 0, right: 0 };
    if (a.correct) s.right += fade;
    else s.wrong += fade;
    sums.set(a.entryId, s);
  }
  const out = new Map<string, number>();
  for (const [id, s] of sums) out.set(id, (1 + WRONG_BOOST * s.wrong) / (1 + s.right));
  return out;
}

/**
 * The next entry to ask under the adaptive pick; null when nothing is eligible. `deliveries`: the
 * chat's recent deliveries (at least its last 14 days); `answers`: the chat's answers.
 */
export function pickAdaptive(o: {
  eligible: readonly string[];
  deliveries: readonly Delivery[];
  answers: readonly AnswerRecord[];
  now: number;
  random: () => number;
}): string | null {
  if (o.eligible.length === 0) return null;
  const last = lastPosted(o.deliveries);
  const since = o.now - NO_REPEAT_DAYS * DAY_MS;
  const open = o.eligible.filter((id) => (last.get(id) ?? Number.NEGATIVE_INFINITY) <= since);
  if (open.length === 0) {
    // Every eligible entry was posted within 14 days: the one posted longest ago.
    let oldest = o.eligible[0] as string;
    for (const id of o.eligible) if ((last.get(id) ?? 0) < (last.get(oldest) ?? 0)) oldest = id;
    return oldest;
  }
  const w = weights(o.answers, o.now);
  const weighed = open.map((id) => w.get(id) ?? 1);
  const total = weighed.reduce((a, b) => a + b, 0);
  let r = o.random() * total;
  for (let i = 0; i < open.length; i++) {
    r -= weighed[i] as number;
    if (r < 0) return open[i] as string;
  }
  return open[open.length - 1] as string;
}
