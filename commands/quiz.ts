/**
 * /quiz [category] [difficulty] [mode]: a random question, not one of the last few in this chat. A
 * flashcard (think, then reveal) by default; `mode: choice` asks a multiple-choice question instead,
 * and every flashcard of an entry with multiple-choice items has a button to answer one.
 */

import { categoryFilter, difficultyFilter } from '../src/features/knowledge/options.ts';
import { categoryName, entryAnswer, entryCard, requireEntry } from '../src/features/knowledge/views.ts';
import { pickEntry } from '../src/features/mcq/ask.ts';
import { mcqAskId } from '../src/features/mcq/asked.ts';
import { button, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';
import type { CommandContext } from '../src/kernel/context.ts';
import type { Button, Reply } from '../src/kernel/reply.ts';
import { askChoice } from './mcq.ts';

/** How a question is asked: a flashcard, or a multiple-choice question. */
const MODES = ['card', 'choice'] as const;

function nextButton(ctx: CommandContext, category?: string, difficulty?: string) {
  return { label: ctx.t('common.nextQuestion'), action: quizNext.action(category, difficulty) };
}

async function ask(ctx: CommandContext, category?: string, difficulty?: string): Promise<Reply> {
  const entry = await pickEntry(ctx, { category, difficulty });
  if (!entry) return { body: ctx.t('quiz.none'), private: true };
  const row: Button[] = [
    {
      label: ctx.t('common.revealAnswer'),
      action: quizAnswer.action(entry.id, category, difficulty),
      style: 'primary',
    },
  ];
  row.push(nextButton(ctx, category, difficulty));
  if ((entry.choices?.length ?? 0) > 0)
    row.push({ label: ctx.t('quiz.choice'), action: mcqAskId.action(entry.id) });
  const card = entryCard(ctx, entry, [row]);
  return {
    ...card,
    title: `${ctx.t.plain('quiz.title', { category: categoryName(ctx, entry.category) })}\n${entry.question}`,
  };
}

/** quiz:ans:<id>:<category>:<difficulty> reveals the answer, keeping the filters for the next one. */
const quizAnswer = button(
  'quiz',
  'ans',
  (ctx, [id = '', category, difficulty]) =>
    entryAnswer(ctx, requireEntry(ctx, id), [
      [nextButton(ctx, category || undefined, difficulty || undefined)],
    ]),
  { readOnly: true },
);

/** quiz:next:<category>:<difficulty> asks another question (it writes the chat's quiz history: not read-only). */
export const quizNext = button('quiz', 'next', (ctx, [category, difficulty]) =>
  ask(ctx, category || undefined, difficulty || undefined),
);

export default defineCommand({
  name: 'quiz',
  description: { 'zh-CN': '随机出一道题', en: 'A random question' },
  options: {
    category: categoryFilter,
    difficulty: difficultyFilter,
    mode: {
      type: 'choice',
      choices: MODES,
      description: {
        'zh-CN': 'card 闪卡（默认），choice 选择题',
        en: 'card: a flashcard (default); choice: multiple choice',
      },
    },
  },
  run: async (ctx, { category, difficulty, mode }) =>
    mode === 'choice' ? await askChoice(ctx, category, difficulty) : await ask(ctx, category, difficulty),
  ...buttonsOf('quiz', quizAnswer, quizNext),
});
