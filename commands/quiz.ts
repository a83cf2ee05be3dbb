/** /quiz [category] [difficulty]: a random question, not one of the last few in this chat. */

import { DIFFICULTIES, type Difficulty } from '../src/features/knowledge/schema.ts';
import { categoryName, entryAnswer, entryCard, requireEntry } from '../src/features/knowledge/views.ts';
import { button, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';
import type { CommandContext } from '../src/kernel/context.ts';
import { chatKey } from '../src/kernel/identity.ts';
import type { Reply } from '../src/kernel/reply.ts';
import { optionalWrite } from '../src/store/optional-write.ts';

/** How many recent questions a chat does not see again (at most half the pool). */
const NO_REPEAT = 10;

function asDifficulty(value: string | undefined): Difficulty | undefined {
  return DIFFICULTIES.find((d) => d === value);
}

function nextButton(ctx: CommandContext, category?: string, difficulty?: string) {
  return { label: ctx.t('common.nextQuestion'), action: quizNext.action(category, difficulty) };
}

function ask(ctx: CommandContext, category?: string, difficulty?: string): Reply {
  const { kb, store, random } = ctx.services;
  const pool = kb.filter({
    category: category && kb.category(category) ? category : undefined,
    difficulty: asDifficulty(difficulty),
  });
  if (pool.length === 0) return { body: ctx.t('quiz.none'), private: true };
  const key = chatKey(ctx.platform, ctx.chat.id);
  const keep = Math.min(NO_REPEAT, Math.floor(pool.length / 2));
  const recent = new Set(store.quiz.recent(key).slice(0, keep));
  const fresh = pool.filter((e) => !recent.has(e.id));
  const candidates = fresh.length > 0 ? fresh : pool;
  const entry = candidates[Math.floor(random() * candidates.length)] ?? pool[0];
  if (!entry) return { body: ctx.t('quiz.none'), private: true };
  // The history only varies the next question: a failed write (full disk) does not stop this one.
  if (keep > 0) optionalWrite(ctx.services, 'quiz-history', () => store.quiz.remember(key, entry.id, keep));
  const card = entryCard(ctx, entry, [
    [
      {
        label: ctx.t('common.revealAnswer'),
        action: quizAnswer.action(entry.id, category, difficulty),
        style: 'primary',
      },
      nextButton(ctx, category, difficulty),
    ],
  ]);
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
    category: {
      type: 'choice',
      choices: 'category',
      description: { 'zh-CN': '只出这个分类的题', en: 'Only from this category' },
    },
    difficulty: { type: 'choice', choices: 'difficulty', description: { 'zh-CN': '难度', en: 'Difficulty' } },
  },
  run: (ctx, { category, difficulty }) => ask(ctx, category, difficulty),
  ...buttonsOf('quiz', quizAnswer, quizNext),
});
