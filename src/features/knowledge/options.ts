/** The question filters that the commands asking questions share (/quiz, /mcq, /round), declared once. */
import type { ChoiceOption } from '../../kernel/command.ts';

/** `category`: only questions of this category. */
export const categoryFilter = {
  type: 'choice',
  choices: 'category',
  description: { 'zh-CN': '只出这个分类的题', en: 'Only from this category' },
} as const satisfies ChoiceOption;

/** `difficulty`: only questions of this difficulty. */
export const difficultyFilter = {
  type: 'choice',
  choices: 'difficulty',
  description: { 'zh-CN': '难度', en: 'Difficulty' },
} as const satisfies ChoiceOption;
