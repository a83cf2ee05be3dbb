/**
 * The replies of a search: the ranked matches, or, when the confidence rule (confidence.ts) says nothing
 * matched well, a plain "nothing matched well" with the closest topics as buttons and a pointer to
 * /topics, so a weak hit is never presented as the answer. /search and Telegram's inline mode share them.
 * /search adds the follow-ups (追问) that match the query (followup-index.ts) as a section of their own,
 * each with its parent entry's question and a button that asks it; the list of entries stays as it is.
 */

import type { CommandContext } from '../../kernel/context.ts';
import { escapeMarkdown, inlineCode } from '../../kernel/markdown.ts';
import type { Reply } from '../../kernel/reply.ts';
import { askFollowUp } from '../knowledge/followups.ts';
import { categoryName, showCard } from '../knowledge/views.ts';
import { CLOSEST } from './confidence.ts';
import type { FollowUpHit } from './followup-index.ts';
import type { Hit, SearchResult } from './index.ts';

export { CLOSEST } from './confidence.ts';

/** How many matches /search lists. */
export const SHOWN = 5;

/** The numbered lines and number buttons of a list of hits. */
function listed(ctx: CommandContext, hits: readonly Hit[]): Pick<Reply, 'body' | 'buttons'> {
  const lines = hits.map(
    ({ entry }, i) =>
      `${i + 1}. **${escapeMarkdown(entry.question)}**\n   ${categoryName(ctx, entry.category)} · *${escapeMarkdown(entry.title_en)}* · \`${entry.id}\``,
  );
  return {
    body: lines.join('\n'),
    buttons: [hits.map(({ entry }, i) => ({ label: String(i + 1), action: showCard.action(entry.id) }))],
  };
}

/**
 * A reply with the matching follow-ups added: a "related follow-ups" section naming each one's parent
 * entry, and a row of buttons that ask them (privately, as a chain is asked under an answer).
 */
export function withFollowUps(ctx: CommandContext, reply: Reply, related: readonly FollowUpHit[]): Reply {
  if (related.length === 0) return reply;
  const lines = related.map(({ card, place }, i) =>
    ctx.t('search.followUpLine', {
      n: i + 1,
      question: place.followup.q,
      parent: place.entry.question,
      id: inlineCode(card),
    }),
  );
  const row = related.map(({ card }, i) => ({
    label: ctx.t.plain('search.followUpButton', { n: i + 1 }),
    action: askFollowUp.action(card),
    private: true,
  }));
  const section = `${ctx.t('search.followUps')}\n${lines.join('\n')}`;
  return {
    ...reply,
    body: reply.body ? `${reply.body}\n\n${section}` : section,
    buttons: [...(reply.buttons ?? []), row],
  };
}

/**
 * What a search matched nothing well for: says so, lists the closest `CLOSEST` topics with a button each
 * (they may not be what was asked), and points to /topics. Without any hit, only the "nothing found" text.
 */
export function weakResultReply(ctx: CommandContext, query: string, hits: readonly Hit[]): Reply {
  const closest = hits.slice(0, CLOSEST);
  if (closest.length === 0) return { body: ctx.t('search.none', { query }), private: true };
  const { body, buttons } = listed(ctx, closest);
  return {
    title: ctx.t.plain('search.title', { query }),
    body: `${ctx.t('search.weak', { query })}\n\n${body}`,
    buttons,
    footer: ctx.t.plain('search.weakFooter'),
  };
}

/** The reply to a search: its best `SHOWN` matches, or `weakResultReply` when it is not confident. */
export function searchReply(ctx: CommandContext, query: string, result: SearchResult): Reply {
  if (!result.confident || result.hits.length === 0) return weakResultReply(ctx, query, result.hits);
  return {
    title: ctx.t.plain('search.title', { query }),
    ...listed(ctx, result.hits.slice(0, SHOWN)),
    footer: ctx.t('search.footer'),
  };
}

/**
 * /search's reply with the follow-ups that match (`related`, followup-index.ts) after the entries; when
 * no entry matched at all, the follow-ups are the result.
 */
export function followedSearchReply(
  ctx: CommandContext,
  query: string,
  result: SearchResult,
  related: readonly FollowUpHit[],
): Reply {
  if (result.hits.length > 0 || related.length === 0)
    return withFollowUps(ctx, searchReply(ctx, query, result), related);
  const only = {
    title: ctx.t.plain('search.title', { query }),
    body: ctx.t('search.onlyFollowUps', { query }),
  };
  return withFollowUps(ctx, only, related);
}
