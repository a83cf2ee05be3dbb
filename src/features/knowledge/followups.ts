/**
 * Follow-up chains (追问): finding a follow-up by its card id (`<entry id>.<follow-up id>`), the next
 * one of the chain (depth first: a follow-up's own follow-up, then its sibling, then its parent's
 * sibling), and the row that starts the chain under an entry's answer. The views that answer these
 * buttons are in `followup-views.ts`; their handlers are bound by `/show`.
 */
import { buttonId } from '../../kernel/button.ts';
import type { CommandContext } from '../../kernel/context.ts';
import type { Button } from '../../kernel/reply.ts';
import { type Entry, type FollowUp, walkFollowUps } from './schema.ts';

/** show:fq:<card id> asks a follow-up (its question, a button to reveal its answer). */
export const askFollowUp = buttonId('show', 'fq');
/** show:fa:<card id> reveals a follow-up's answer and offers the next one. */
export const revealFollowUp = buttonId('show', 'fa');

/** A follow-up where it sits in its entry's chain. */
export interface FollowUpPlace {
  entry: Entry;
  followup: FollowUp;
  /** 1 for the entry's own follow-ups. */
  depth: number;
  /** The follow-up it drills into, or null for one of the entry's own. */
  parent: FollowUp | null;
  /** 1-based position in the chain, and the chain's length. */
  index: number;
  total: number;
  /** The follow-up after it in the chain, if any. */
  next: FollowUp | null;
}

/** The card id of a follow-up: `<entry id>.<follow-up id>` (ids are slugs without dots). */
export function followUpCardId(entry: Entry, followup: FollowUp): string {
  return `${entry.id}.${followup.id}`;
}

/** The chain of an entry's follow-ups in the order they are asked. */
export function followUpChain(entry: Entry): FollowUp[] {
  return [...walkFollowUps(entry.followups)].map((w) => w.followup);
}

/** Where the follow-up of a card id sits, or null when the entry or the follow-up is unknown. */
export function findFollowUp(
  entries: (id: string) => Entry | undefined,
  cardId: string,
): FollowUpPlace | null {
  const [entryId = '', followUpId = '', ...rest] = cardId.split('.');
  const entry = rest.length === 0 ? entries(entryId) : undefined;
  if (!entry) return null;
  const walk = [...walkFollowUps(entry.followups)];
  const i = walk.findIndex((w) => w.followup.id === followUpId);
  const here = walk[i];
  if (!here) return null;
  return {
    entry,
    followup: here.followup,
    depth: here.depth,
    parent: walk.find((w) => w.followup.id === here.parent)?.followup ?? null,
    index: i + 1,
    total: walk.length,
    next: walk[i + 1]?.followup ?? null,
  };
}

/** The row under an entry's answer that asks its first follow-up; none when it has no follow-ups. */
export function followUpRows(ctx: CommandContext, entry: Entry): Button[][] {
  const first = entry.followups?.[0];
  if (!first) return [];
  const action = askFollowUp.action(followUpCardId(entry, first));
  return [[{ label: ctx.t.plain('followup.button'), action }]];
}
