/** Every text shown to people, in English. Same keys as `zh-CN.ts` (the compiler checks). */
import type { Messages } from './zh-CN.ts';

export const en: Messages = {
  common: {
    apology: 'Sorry, something went wrong. It has been logged; please try again later.',
    unknownCommand: 'There is no /{name} command. Send /help to see them all.',
    unknownEntry: 'No entry "{id}". Try /search or browse with /topics.',
    staleButton:
      'This button has expired (it may come from an older version). Please send the command again.',
    adminOnly: 'Only the admins of this group or server can use this command.',
    badChoice: '"{value}" is not a valid {option}. Accepted: {accepted}',
    badInteger: '{option} needs a whole number from {min} to {max}, got "{value}".',
    missingOption: 'Missing {option}. Usage: {usage}',
    unknownSubcommand: 'Usage: /{name} <{subcommands}>',
    tooManyArgs: 'Unexpected arguments: "{extra}". Usage: {usage}',
    noSuchButton: 'There is no button {number}.',
    revealAnswer: 'Show answer',
    nextQuestion: 'Next question',
    answer: 'Answer',
    references: 'References',
    difficulty: { easy: 'easy', medium: 'medium', hard: 'hard' },
    category: 'category',
  },
  help: {
    title: 'dlkb · deep-learning interview knowledge base',
    intro:
      '114 deep-learning interview questions: search, quizzes, a daily question. Answers are key points with reference links.',
    commands: 'Commands',
    tip: 'Tip: press the buttons; in the terminal, type the number in front of a button.',
  },
  search: {
    title: 'Search: {query}',
    none: 'Nothing found for "{query}". Try other words, or browse with /topics.',
    queryEmpty: 'Type what to search for, e.g. /search cross entropy',
    queryTooLong: 'The query is too long (999 characters at most).',
    queryNoWords: 'The query has nothing searchable in it (only emoji or symbols).',
    footer: 'Press a number to open the question card.',
  },
  show: {
    footer: 'Think first, then press "Show answer".',
  },
  topics: {
    title: 'Categories',
    categoryTitle: '{name} ({count} questions)',
    count: '{count} questions',
    page: 'page {page}/{pages}',
    previous: 'Previous',
    next: 'Next',
    footer: 'Use /topics <category> to list a category, /show <id> to open a question.',
  },
  quiz: {
    title: 'Quiz · {category}',
    none: 'No question matches these filters.',
  },
};
