/** The texts of multiple-choice questions (/mcq, and the questions of rounds and daily posts), in English; the same keys as `zh-CN/mcq.ts` (the compiler checks). */
import type { Messages } from '../zh-CN.ts';

export const mcqEn: Messages['mcq'] = {
  title: 'Multiple choice · {category}',
  footer: 'Press A–D to answer; only your first press counts',
  answered: '{n} answered · press A–D to answer; only your first press counts',
  right: '✅ Right: **{letter}.** {option}',
  wrong: '❌ Wrong: you chose **{chosen}**; the answer is **{letter}.** {option}',
  already: 'You already answered this one: **{letter}**. Only the first press counts.',
  fullAnswer: 'Full answer',
  another: 'Another question',
  none: 'No multiple-choice question matches these filters.',
  noItems: 'This question has no multiple-choice items yet.',
  stale: 'This answer button is not valid or has expired; ask again with /mcq.',
  closeButton: 'Close',
  closedFooter: 'Closed · {n} answered',
  distribution: 'Answers: {line}',
  closed: 'This question is closed; the answer was **{letter}.** {option}',
  closedNow: 'Closed. {line}',
  closeRefused: 'Only whoever asked this question or an admin can close it.',
};
