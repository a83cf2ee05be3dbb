/** The texts of the weekly digest (`/daily subscribe digest:`), in English; the same keys as `zh-CN/daily-digest.ts` (the compiler checks). */
import type { Messages } from '../zh-CN.ts';

/** `daily.digest.*`. */
export const dailyDigestEn: Messages['daily']['digest'] = {
  label: 'Weekly digest:',
  at: 'every {day} at **{time}** ({timezone}), next {next}',
  off: 'off (turn it on with digest:sun-20:00)',
  days: {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
  bad: '"{value}" is not a digest time. Give a weekday and a time, e.g. digest:sun-20:00 (or digest:sunday); digest:off turns it off.',
  last: 'Last digest: {date} · {status}',
  title: '📅 This chat’s week · {from} – {to}',
  questionsHead: 'This week’s questions',
  question: '- {question} · {answered} answered, {percent} % right',
  questionFew: '- {question} · fewer than {min} answered',
  noQuestions: 'No question was posted or answered this week.',
  weakHead: 'The chat’s weakest categories (multiple choice, last {days} days)',
  weak: '- {category}: {percent} % right ({answered} answers)',
  noWeak: 'Nobody answered a multiple-choice question lately.',
  topHead: 'This week’s top 3',
  noTop: 'Nobody answered a multiple-choice question this week.',
  practise: 'Practise: {category}',
};
