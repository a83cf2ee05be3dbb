/** The texts of `/daily`'s format and pick settings, in English; the same keys as `zh-CN/daily-settings.ts` (the compiler checks). */
import type { Messages } from '../zh-CN.ts';

/** `daily.labelFormat` … `daily.badPick`, spread into `en.daily`. */
export const dailySettingsEn: Pick<
  Messages['daily'],
  'labelFormat' | 'format' | 'badFormat' | 'labelPick' | 'pick' | 'badPick'
> = {
  labelFormat: 'Format:',
  format: {
    flashcard: 'flashcard (think, then press the button for the answer)',
    choice: 'multiple choice (a Telegram quiz poll / Discord A–D buttons)',
    both: 'flashcard, then a multiple-choice question',
  },
  badFormat: '"{value}" is not a format. Choose flashcard, choice (multiple choice) or both.',
  labelPick: 'Pick:',
  pick: {
    rotation: 'rotation (every question once, in a shuffled order, then a new round)',
    adaptive:
      'adaptive (questions this chat answered wrong come back sooner, ones it answered right wait longer; none repeats within 14 days)',
  },
  badPick: '"{value}" is not a pick. Choose rotation or adaptive.',
};
