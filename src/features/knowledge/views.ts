/** The replies several commands share: an entry's question card and its answer. */
import { button } from '../../kernel/button.ts';
import type { CommandContext } from '../../kernel/context.ts';
import { UserError } from '../../kernel/errors.ts';
import { escapeMarkdown } from '../../kernel/markdown.ts';
import type { Button, Reply, ReplyLink } from '../../kernel/reply.ts';
import { reportButton } from '../reports/button.ts';
import { pointsButton } from '../review/points-view.ts';
import { ratingButtons } from '../review/review.ts';
import { followUpRows } from './followups.ts';
import type { Entry, Reference } from './schema.ts';

/** The entry with this id, or a UserError a person understands. */
export function requireEntry(ctx: CommandContext, id: string): Entry {
  const entry = ctx.services.kb.get(id.trim().toLowerCase());
  if (!entry) throw new UserError('common.unknownEntry', { id });
  return entry;
}

/** The display name of a category in the person's language. */
export function categoryName(ctx: CommandContext, id: string): string {
  const c = ctx.services.kb.category(id);
  if (!c) return id;
  return ctx.locale === 'en' ? c.name_en : c.name;
}

/** A reference as a numbered link: its seed title, else its site and path. */
export function referenceLink(ref: Reference): ReplyLink {
  if (ref.title) return { title: ref.title, url: ref.url };
  const u = new URL(ref.url);
  const path = u.pathname.length > 32 ? `${u.pathname.slice(0, 31)}…` : u.pathname;
  return { title: `${u.hostname.replace(/^www\./, '')}${path === '/' ? '' : path}`, url: ref.url };
}

/** One line about an entry: category · difficulty · English title. */
export function entryMeta(ctx: CommandContext, entry: Entry): string {
  return `${categoryName(ctx, entry.category)} · ${ctx.t(`common.difficulty.${entry.difficulty}`)} · *${escapeMarkdown(entry.title_en)}*`;
}

/** The question card: the question, then a button to reveal the answer. */
export function entryCard(ctx: CommandContext, entry: Entry, buttons?: Button[][]): Reply {
  return {
    title: entry.question,
    body: `${entryMeta(ctx, entry)}\n\n\`/show ${entry.id}\``,
    accent: entry.category,
    buttons: buttons ?? [
      [
        {
          label: ctx.t('common.revealAnswer'),
          action: showAnswer.action(entry.id),
          style: 'primary',
        },
      ],
    ],
    footer: ctx.t('show.footer'),
  };
}

/**
 * The answer: key points and numbered reference links, then the rows of `buttons`, the rating buttons
 * that put the entry into the reader's spaced-repetition review, and grading by key points.
 */
export function entryAnswer(ctx: CommandContext, entry: Entry, buttons: Button[][] = []): Reply {
  return {
    title: entry.question,
    body: `${entryMeta(ctx, entry)}\n\n${entry.answer.trim()}`,
    links: entry.references.map(referenceLink),
    accent: entry.category,
    // The follow-up chain (追问) gets its own row, above the ratings.
    buttons: [
      ...buttons,
      ...followUpRows(ctx, entry),
      ratingButtons(ctx, entry.id),
      [pointsButton(ctx, entry.id), reportButton(ctx, entry.id)],
    ],
    footer: `${ctx.t('common.answer')} · ${entry.id}`,
  };
}

/** show:card:<id> opens an entry's question card (from search hits and topic lists). */
export const showCard = button('show', 'card', (ctx, [id = '']) => entryCard(ctx, requireEntry(ctx, id)), {
  readOnly: true,
});

/** show:ans:<id> reveals an entry's answer. */
export const showAnswer = button('show', 'ans', (ctx, [id = '']) => entryAnswer(ctx, requireEntry(ctx, id)), {
  readOnly: true,
});
