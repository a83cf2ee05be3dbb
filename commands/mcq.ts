/**
 * /mcq [category] [difficulty]: a multiple-choice question for the whole chat. Everyone answers with the
 * buttons A–D; the first press of each person counts (recorded for /top and /stats, and fed to their
 * /review), and each gets a private verdict with the explanation. Its asker (or an admin) closes it with
 * **Close**: the message then shows how many chose each option and the right one.
 */

import { categoryFilter, difficultyFilter } from '../src/features/knowledge/options.ts';
import { requireEntry } from '../src/features/knowledge/views.ts';
import { answerPress } from '../src/features/mcq/answer.ts';
import { askEntry, pickEntry } from '../src/features/mcq/ask.ts';
import { mcqAnswerId, mcqAskId, mcqCloseId, mcqNextId } from '../src/features/mcq/asked.ts';
import { closePress } from '../src/features/mcq/close.ts';
import { bindButton, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';
import type { CommandContext } from '../src/kernel/context.ts';
import type { Reply } from '../src/kernel/reply.ts';

/** A multiple-choice question of the filters, or a private "none matches". */
export async function askChoice(ctx: CommandContext, category?: string, difficulty?: string): Promise<Reply> {
  const entry = await pickEntry(ctx, { category, difficulty, choice: true });
  return (entry && (await askEntry(ctx, entry))) ?? { body: ctx.t('mcq.none'), private: true };
}

/** mcq:a:…: an answer (see `src/features/mcq/asked.ts` for its arguments). */
const mcqAnswer = bindButton(mcqAnswerId, (ctx, args) => answerPress(ctx, args));

/** mcq:x:…: closes the question (its asker or an admin): the distribution and the right option. */
const mcqClose = bindButton(mcqCloseId, (ctx, args) => closePress(ctx, args));

/** mcq:ask:<entry>: a multiple-choice question of this entry (the button on every flashcard; it records the question's closing). */
const mcqAsk = bindButton(
  mcqAskId,
  async (ctx, [id = '']) =>
    (await askEntry(ctx, requireEntry(ctx, id))) ?? { body: ctx.t('mcq.noItems'), private: true },
);

/** mcq:next:<category>:<difficulty>: another one (it writes the chat's question history: not read-only). */
const mcqNext = bindButton(mcqNextId, (ctx, [category, difficulty]) =>
  askChoice(ctx, category || undefined, difficulty || undefined),
);

export default defineCommand({
  name: 'mcq',
  description: {
    'zh-CN': '选择题：四选一，大家一起答，答完看解析',
    en: 'Multiple choice: pick A–D, everyone answers, then see why',
  },
  options: {
    category: categoryFilter,
    difficulty: difficultyFilter,
  },
  run: (ctx, { category, difficulty }) => askChoice(ctx, category, difficulty),
  ...buttonsOf('mcq', mcqAnswer, mcqClose, mcqAsk, mcqNext),
});
