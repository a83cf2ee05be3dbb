/**
 * Review cards: what a spaced-repetition record (`reviews.entry_id`) names. An entry's card id is its
 * entry id (`bn-formula`); a follow-up's (追问) is `<entry id>.<follow-up id>` (`bn-formula.ics`, see
 * followups.ts), so both live in the same store, the same FSRS schedule and the same `/review` queue.
 * Entry and follow-up ids are slugs without dots, so the two kinds never collide.
 */
import { type FollowUpPlace, findFollowUp, followUpCardId } from './followups.ts';
import type { Entry } from './schema.ts';

/** A card of the review queue: an entry, or one of its follow-ups. */
export type ReviewCard =
  | { kind: 'entry'; entry: Entry }
  | { kind: 'followup'; entry: Entry; place: FollowUpPlace };

/** True when a card id names a follow-up (it has a dot) rather than an entry. */
export function isFollowUpCardId(cardId: string): boolean {
  return cardId.includes('.');
}

/**
 * The card a review record's id names, or undefined when its entry or follow-up is no longer in the
 * knowledge base (such records are skipped, as removed entries are).
 */
export function reviewCard(
  entries: (id: string) => Entry | undefined,
  cardId: string,
): ReviewCard | undefined {
  if (!isFollowUpCardId(cardId)) {
    const entry = entries(cardId);
    return entry ? { kind: 'entry', entry } : undefined;
  }
  const place = findFollowUp(entries, cardId);
  return place ? { kind: 'followup', entry: place.entry, place } : undefined;
}

/** The id a card's review record is kept under. */
export function reviewCardId(card: ReviewCard): string {
  return card.kind === 'entry' ? card.entry.id : followUpCardId(card.entry, card.place.followup);
}

/** The question a card asks: the entry's, or the follow-up's; '' for an unknown card. */
export function cardQuestion(entries: (id: string) => Entry | undefined, cardId: string): string {
  const card = reviewCard(entries, cardId);
  if (!card) return '';
  return card.kind === 'entry' ? card.entry.question : card.place.followup.q;
}
