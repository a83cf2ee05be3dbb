/** /show <id>: an entry's question card, with a button that reveals the answer. */

import { showFollowUp, showFollowUpAnswer } from '../src/features/knowledge/followup-views.ts';
import { entryCard, requireEntry, showAnswer, showCard } from '../src/features/knowledge/views.ts';
import { buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';

export default defineCommand({
  name: 'show',
  description: {
    'zh-CN': '打开一道题（先看题，再点按钮看答案）',
    en: 'Open a question card (reveal the answer with a button)',
  },
  options: {
    id: {
      type: 'string',
      required: true,
      autocomplete: 'entry',
      description: { 'zh-CN': '题目 id', en: 'Entry id' },
    },
  },
  run: (ctx, { id }) => entryCard(ctx, requireEntry(ctx, id)),
  ...buttonsOf('show', showCard, showAnswer, showFollowUp, showFollowUpAnswer),
});
