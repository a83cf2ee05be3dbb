/** The replies of a multiple-choice question: the question with its answer buttons, and an answer's verdict. */
import type { CommandContext } from '../../kernel/context.ts';
import { translator } from '../../kernel/i18n.ts';
import { escapeInline } from '../../kernel/markdown.ts';
import type { Reply } from '../../kernel/reply.ts';
import { CHOICE_LETTERS, type Choice, type Entry } from '../knowledge/schema.ts';
import { categoryName, showAnswer } from '../knowledge/views.ts';
import { type Asked, answerAction, closeAction, correctIndex, itemOf } from './asked.ts';
import { orderAt } from './order.ts';

/** The stem in a language: the English one when asked in English and the item has one. */
export function stemOf(choice: Choice, locale: CommandContext['locale']): string {
  return locale === 'en' && choice.stem_en ? choice.stem_en : choice.stem;
}

/** The stem as Markdown: its first line as text, the lines after it (a code snippet) as a code block. */
function stemMarkdown(stem: string): string {
  const [first = '', ...rest] = stem.trim().split('\n');
  if (rest.length === 0) return escapeInline(first);
  if (rest.some((l) => l.includes('```'))) return [first, ...rest].map(escapeInline).join('\n');
  return `${escapeInline(first)}\n\`\`\`\n${rest.join('\n')}\n\`\`\``;
}

/** The options in their shown order, each with its letter. */
export function shownOptions(choice: Choice, asked: Pick<Asked, 'order'>): string[] {
  return (orderAt(asked.order) ?? []).map((own) => choice.options[own] ?? '');
}

/**
 * The question as posted (and redrawn with its count of answers): the stem, options A–D in the asked
 * order, one answer button per option, and a close button when `closable` (a /mcq question). Always in
 * the language it was asked in, whoever redraws it.
 * @throws Error when the entry has no such item (callers check with `itemOf` first).
 */
export function questionReply(
  ctx: CommandContext,
  entry: Entry,
  asked: Asked,
  answered: number,
  closable = false,
): Reply {
  const choice = itemOf(entry, asked);
  if (!choice) throw new Error(`entry ${entry.id} has no multiple-choice item ${asked.item}`);
  const local = { ...ctx, locale: asked.locale, t: translator(asked.locale) };
  const shown = shownOptions(choice, asked);
  const options = shown.map((o, i) => `**${CHOICE_LETTERS[i]}.** ${escapeInline(o)}`);
  const answers = CHOICE_LETTERS.map((_, i) => answerAction(asked, i));
  return {
    title: local.t.plain('mcq.title', { category: categoryName(local, entry.category) }),
    body: `${stemMarkdown(stemOf(choice, asked.locale))}\n\n${options.join('\n')}`,
    accent: entry.category,
    buttons: [
      CHOICE_LETTERS.map((label, i) => ({ label, action: answers[i] ?? '' })),
      ...(closable ? [[{ label: local.t.plain('mcq.closeButton'), action: closeAction(asked) }]] : []),
    ],
    choice: {
      question: stemOf(choice, asked.locale),
      options: shown,
      correct: (orderAt(asked.order) ?? []).indexOf(correctIndex(choice)),
      explanation: choice.explanation,
      answers,
      // Private: the full answer would spoil the question for the others in a group.
      buttons: [
        [{ label: local.t.plain('mcq.fullAnswer'), action: showAnswer.action(entry.id), private: true }],
      ],
    },
    footer: answered > 0 ? local.t.plain('mcq.answered', { n: answered }) : local.t.plain('mcq.footer'),
  };
}

/** The verdict on a person's answer: right or wrong, the right option, and why. */
export function verdictBody(ctx: CommandContext, choice: Choice, asked: Asked, own: number): string {
  const order = orderAt(asked.order) ?? [];
  const right = correctIndex(choice);
  const letter = (index: number) => CHOICE_LETTERS[order.indexOf(index)] ?? '?';
  const rightOption = choice.options[right] ?? '';
  const head =
    own === right
      ? ctx.t('mcq.right', { letter: letter(right), option: rightOption })
      : ctx.t('mcq.wrong', { chosen: letter(own), letter: letter(right), option: rightOption });
  const why = choice.explanation.trim().split('\n').map(escapeInline).join('\n');
  return `${head}\n\n${why}`;
}
