/**
 * The replies of a follow-up chain (追问): a follow-up's question with a button to reveal its answer,
 * and its answer with the next follow-up of the chain and a way back to the entry. Bound to `/show`
 * (`show:fq:<card id>`, `show:fa:<card id>`); every state is in the action id. A chain is one
 * person's drill: its replies are private (Discord ephemeral, a Telegram group's presses answered in the
 * private chat), and so is the way back to the entry, so a private answer (a review, the daily question)
 * stays private. A follow-up's answer carries the four rating buttons: rated, it becomes an FSRS card of
 * its own (card id `<entry id>.<follow-up id>`, see cards.ts), which `/review` serves with
 * `followUpReviewCard`.
 */
import { bindButton } from '../../kernel/button.ts';
import type { CommandContext } from '../../kernel/context.ts';
import { UserError } from '../../kernel/errors.ts';
import { inlineCode } from '../../kernel/markdown.ts';
import type { Button, Reply } from '../../kernel/reply.ts';
import { ratingButtons } from '../review/review.ts';
import {
  askFollowUp,
  type FollowUpPlace,
  findFollowUp,
  followUpCardId,
  revealFollowUp,
} from './followups.ts';
import { categoryName, showAnswer, showCard } from './views.ts';

/** The follow-up of a card id, or a UserError a person understands. */
export function requireFollowUp(ctx: CommandContext, cardId: string): FollowUpPlace {
  const place = findFollowUp((id) => ctx.services.kb.get(id), cardId.trim().toLowerCase());
  if (!place) throw new UserError('followup.unknown', { id: cardId });
  return place;
}

function context(ctx: CommandContext, place: FollowUpPlace): string {
  const lines = [
    ctx.t('followup.progress', { n: place.index, total: place.total, question: place.entry.question }),
  ];
  if (place.parent) lines.push(ctx.t('followup.drillsInto', { question: place.parent.q }));
  return lines.join('\n');
}

function backButton(ctx: CommandContext, place: FollowUpPlace): Button {
  return { label: ctx.t.plain('followup.back'), action: showAnswer.action(place.entry.id), private: true };
}

function footer(ctx: CommandContext, place: FollowUpPlace): string {
  return `${ctx.t.plain('followup.button')} · ${followUpCardId(place.entry, place.followup)}`;
}

/** A follow-up's question: where it sits in the chain, a button to reveal its answer, and the way back. */
export function followUpQuestion(ctx: CommandContext, place: FollowUpPlace): Reply {
  const card = followUpCardId(place.entry, place.followup);
  return {
    title: place.followup.q,
    body: context(ctx, place),
    accent: place.entry.category,
    buttons: [
      [
        { label: ctx.t.plain('common.revealAnswer'), action: revealFollowUp.action(card), style: 'primary' },
        backButton(ctx, place),
      ],
    ],
    footer: footer(ctx, place),
    private: true,
  };
}

/** A follow-up's answer, then the next follow-up of the chain (or that it was the last) and the way back. */
export function followUpAnswer(ctx: CommandContext, place: FollowUpPlace): Reply {
  const { entry, followup, next } = place;
  const blocks = [context(ctx, place), followup.answer.trim()];
  if (followup.see) blocks.push(ctx.t('followup.see', { command: inlineCode(`/show ${followup.see}`) }));
  if (!next) blocks.push(ctx.t('followup.last'));
  const row: Button[] = [];
  if (next) {
    const action = askFollowUp.action(followUpCardId(entry, next));
    row.push({ label: ctx.t.plain('followup.next'), action, style: 'primary' });
  }
  row.push(backButton(ctx, place));
  if (followup.see)
    row.push({ label: `/show ${followup.see}`, action: showCard.action(followup.see), private: true });
  return {
    title: followup.q,
    body: blocks.join('\n\n'),
    accent: entry.category,
    // The ratings make the follow-up an FSRS card of its own (review:rate:<entry>.<follow-up>:<grade>).
    buttons: [row, ratingButtons(ctx, followUpCardId(entry, followup))],
    footer: footer(ctx, place),
    private: true,
  };
}

/**
 * A due follow-up in `/review`: its question with its parent entry's question as context, and a button
 * that reveals its answer (with the rating buttons). `footer` is the queue's or the plan's line.
 */
export function followUpReviewCard(ctx: CommandContext, place: FollowUpPlace, footer: string): Reply {
  const card = followUpCardId(place.entry, place.followup);
  const category = categoryName(ctx, place.entry.category);
  return {
    title: `${ctx.t.plain('followup.reviewTitle', { category })}\n${place.followup.q}`,
    body: context(ctx, place),
    accent: place.entry.category,
    buttons: [
      [{ label: ctx.t.plain('common.revealAnswer'), action: revealFollowUp.action(card), style: 'primary' }],
    ],
    footer,
    private: true,
  };
}

/** show:fq:<card id> asks a follow-up. */
export const showFollowUp = bindButton(
  askFollowUp,
  (ctx, [card = '']) => followUpQuestion(ctx, requireFollowUp(ctx, card)),
  { readOnly: true },
);

/** show:fa:<card id> reveals a follow-up's answer. */
export const showFollowUpAnswer = bindButton(
  revealFollowUp,
  (ctx, [card = '']) => followUpAnswer(ctx, requireFollowUp(ctx, card)),
  { readOnly: true },
);
