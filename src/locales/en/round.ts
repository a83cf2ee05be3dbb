/** The texts of /round (group rounds), in English; the same keys as `zh-CN/round.ts` (the compiler checks). */
import type { Messages } from '../zh-CN.ts';

export const roundEn: Messages['round'] = {
  started:
    '🏁 Round on: {count} multiple-choice questions, {seconds} s each{filters}. The first comes now; the starter or an admin can end it with /round stop.',
  filters: ' ({what})',
  progress: 'Question {n}/{total} · {seconds} s',
  running:
    'A round is already running in this chat: {n}/{total} questions asked. Wait for it to end, or its starter or an admin can /round stop.',
  notRunning: 'No round is running in this chat. Start one with /round.',
  stopRefused: 'Only the starter ({name}) or an admin can stop this round.',
  unavailable: 'Rounds cannot run here (the bot cannot post on its own on this platform).',
  noChannel:
    'Rounds cannot run in a channel (channel polls are anonymous and cannot be scored). Use /round in a group.',
  none: 'No multiple-choice question matches these filters.',
  overTitle: '🏆 Round over',
  stoppedTitle: '🏆 Round stopped',
  interruptedTitle: '🏆 Round cut short (the bot was down too long): the scores of what was played',
  standing: '{place} {name}: {correct}/{total} right · {seconds} s',
  yourPlace: 'Your place: {line}',
  nobody: 'Nobody answered while a question was open.',
  overFooter: '{played} questions · {players} players · ranked by right answers, then total time',
};
