/**
 * The weekly digest (`/daily subscribe digest:sun 20:00`): the week's questions in the chat with the share
 * answered right, the chat's three weakest categories with a button to practise each (a `/quiz` of that
 * category), and the week's top 3 by name, as text (never a mention). Counts come from the answer ledger
 * (multiple-choice answers in that chat); a question with fewer than `MIN_RESULT_PEOPLE` answers shows
 * no share (privacy, as the reveal's result).
 */
import { buttonId } from '../../kernel/button.ts';
import type { Services } from '../../kernel/context.ts';
import type { Reply } from '../../kernel/reply.ts';
import { categoryName } from '../knowledge/views.ts';
import type { AnswerRecord } from '../scores/answer.ts';
import { rank } from '../scores/rank.ts';
import { weakest } from '../scores/stats.ts';
import type { CategoryTally, Span } from '../scores/store.ts';
import { percent, rankLine } from '../scores/top.ts';
import { MIN_RESULT_PEOPLE } from './choice.ts';
import { subscriptionContext } from './messages.ts';
import type { Subscription } from './store.ts';
import { formatLocal } from './time.ts';

/** `/quiz`'s next-question button (bound in commands/quiz.ts): practise one category. */
const practise = buttonId('quiz', 'next');

/** The days a digest covers, before it is due. */
export const DIGEST_DAYS = 7;
/** The days of answers the weakest categories are judged on. */
export const WEAK_DAYS = 28;
/** The most questions a digest lists. */
export const DIGEST_QUESTIONS = 10;
/** The people a digest names. */
export const DIGEST_TOP = 3;

const DAY_MS = 86_400_000;

/** The week's entries in the order they came up: the daily posts first, then others answered in the chat. */
async function weekEntries(
  services: Services,
  sub: Subscription,
  span: Span,
  answers: AnswerRecord[],
): Promise<string[]> {
  const posts = (await services.store.daily.recentDeliveries(sub.chatKey, DIGEST_DAYS * 8))
    .filter((d) => d.kind === 'post' && d.status === 'sent' && d.dueAt >= span.from && d.dueAt < span.to)
    .sort((a, b) => a.dueAt - b.dueAt)
    .map((d) => d.entryId);
  return [...new Set([...posts, ...answers.map((a) => a.entryId)])].slice(0, DIGEST_QUESTIONS);
}

function categoryTallies(answers: readonly AnswerRecord[]): CategoryTally[] {
  const by = new Map<string, CategoryTally>();
  for (const a of answers) {
    const c = by.get(a.category) ?? { category: a.category, answered: 0, correct: 0 };
    c.answered += 1;
    if (a.correct) c.correct += 1;
    by.set(a.category, c);
  }
  return [...by.values()];
}

/** The digest of a chat for the `DIGEST_DAYS` before `dueAt`. */
export async function digestReply(services: Services, sub: Subscription, dueAt: number): Promise<Reply> {
  const ctx = subscriptionContext(services, sub);
  const span: Span = { from: dueAt - DIGEST_DAYS * DAY_MS, to: dueAt };
  const all = await services.scores.answersIn(sub.chatKey);
  const inWeek = all.filter((a) => a.answeredAt >= span.from && a.answeredAt < span.to);

  const questions = (await weekEntries(services, sub, span, inWeek)).map((id) => {
    const question = services.kb.get(id)?.question ?? id;
    const answers = inWeek.filter((a) => a.entryId === id);
    const tally = { answered: answers.length, correct: answers.filter((a) => a.correct).length };
    return tally.answered < MIN_RESULT_PEOPLE
      ? ctx.t('daily.digest.questionFew', { question, min: MIN_RESULT_PEOPLE })
      : ctx.t('daily.digest.question', { question, answered: tally.answered, percent: percent(tally) });
  });

  const recent = all.filter((a) => a.answeredAt >= dueAt - WEAK_DAYS * DAY_MS && a.answeredAt < dueAt);
  const weak = weakest(categoryTallies(recent));
  const weakLines = weak.map((c) =>
    ctx.t('daily.digest.weak', {
      category: categoryName(ctx, c.category),
      answered: c.answered,
      percent: percent(c),
    }),
  );

  const top = rank(await services.scores.tally(sub.chatKey, span))
    .slice(0, DIGEST_TOP)
    .map((r) => rankLine(ctx, r));

  const sections = [
    `**${ctx.t('daily.digest.questionsHead')}**\n${questions.length > 0 ? questions.join('\n') : ctx.t('daily.digest.noQuestions')}`,
    `**${ctx.t('daily.digest.weakHead', { days: WEAK_DAYS })}**\n${weakLines.length > 0 ? weakLines.join('\n') : ctx.t('daily.digest.noWeak')}`,
    `**${ctx.t('daily.digest.topHead')}**\n${top.length > 0 ? top.join('\n') : ctx.t('daily.digest.noTop')}`,
  ];
  const from = formatLocal(span.from, sub.timezone).slice(0, 10);
  const to = formatLocal(span.to - 1, sub.timezone).slice(0, 10);
  return {
    title: ctx.t.plain('daily.digest.title', { from, to }),
    body: sections.join('\n\n'),
    buttons: weak.map((c) => [
      {
        label: ctx.t.plain('daily.digest.practise', { category: categoryName(ctx, c.category) }),
        action: practise.action(c.category),
      },
    ]),
  };
}
