/** /report <id> <text>: tell the operators what is wrong in an entry's answer; the Report button's answer. */

import { reportNewId } from '../src/features/reports/button.ts';
import { reportUsage, submitReport } from '../src/features/reports/views.ts';
import { bindButton, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';

/** report:new:<id>: the exact /report line to type for that entry. */
const reportNew = bindButton(reportNewId, (ctx, [id = '']) => reportUsage(ctx, id), { readOnly: true });

export default defineCommand({
  name: 'report',
  description: {
    'zh-CN': '纠错：告诉我们某道题的答案哪里有错',
    en: 'Report a mistake in an answer',
  },
  replies: 'private',
  options: {
    id: {
      type: 'string',
      required: true,
      autocomplete: 'entry',
      description: { 'zh-CN': '题目 id', en: 'Entry id' },
    },
    text: {
      type: 'string',
      rest: true,
      description: { 'zh-CN': '哪里有错（最多 1000 字）', en: 'What is wrong (1,000 characters at most)' },
    },
  },
  run: (ctx, { id, text }) => submitReport(ctx, id, text ?? ''),
  ...buttonsOf('report', reportNew),
});
