/** Every text shown to people, in English. Same keys as `zh-CN.ts` (the compiler checks). */
import { dailyDigestEn } from './en/daily-digest.ts';
import { dailySettingsEn } from './en/daily-settings.ts';
import { linkEn } from './en/link.ts';
import { mcqEn } from './en/mcq.ts';
import { dailyRoleSkipEn, notifyEn } from './en/notify.ts';
import { planEn } from './en/plan.ts';
import { remindEn } from './en/remind.ts';
import { roundEn } from './en/round.ts';
import type { Messages } from './zh-CN.ts';

export const en: Messages = {
  common: {
    apology: 'Sorry, something went wrong. It has been logged; please try again later.',
    notSaved:
      'Not saved: the bot cannot write its database right now, so nothing changed. It has been logged; please try again later.',
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
    notToggle:
      'Button {number} is not a tick box: several numbers in one line (like 1 3 4) only tick key points.',
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
    weak: 'Nothing matched "{query}" well. The closest topics are below; they may not be what you asked:',
    weakFooter: 'Press a number to open one, or browse every category with /topics.',
    inlineWeakTitle: 'Nothing matched well',
    inlineWeakDescription: 'Send the closest topics and a pointer to /topics; the closest follow below.',
    inlineNoneDescription: 'Send a pointer to /topics to browse every category.',
    autocompleteWeak: 'Nothing matched "{query}" well (closest below; /topics lists all)',
    onlyFollowUps: 'No entry matches "{query}", but these follow-ups do:',
    followUps: "**Related follow-ups** (an interviewer's follow-up questions under an entry):",
    followUpLine: 'Follow-up {n}: {question}\n   On: {parent} · {id}',
    followUpButton: 'Follow-up {n}',
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
    choice: 'Multiple choice',
  },
  mcq: mcqEn,
  export: {
    title: 'Export to Anki',
    deck: 'Your {count} studied cards as an Anki text file: in Anki choose File › Import and pick it (front = question, back = key points with reference links, tags = category and difficulty).',
    wholeBase:
      'You have not rated any card yet, so this is the whole knowledge base ({count} cards) as an Anki text file: in Anki choose File › Import and pick it.',
    history: 'Also: your review history as CSV (card, question, date, rating).',
    tooLarge:
      'The export is {size} and this platform accepts files up to {limit}. Use the terminal: npm run --silent dlkb -- export anki > deck.txt',
    saved: 'Saved {name} to {path}',
  },
  followup: {
    button: 'Follow-up',
    progress: 'Follow-up {n}/{total} · on: {question}',
    drillsInto: 'Drilling into: {question}',
    next: 'Next follow-up',
    back: 'Back to the entry',
    see: 'Read more: {command}',
    last: 'That was the last follow-up of this entry.',
    unknown: 'No follow-up "{id}"; the knowledge base may have changed. Open the entry again with /show.',
    reviewTitle: 'Review · follow-up · {category}',
  },
  review: {
    grade: { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' },
    title: 'Review · {category}',
    queue: '{due} due today · {total} studied',
    empty:
      'Nothing to review yet. After reading an answer, rate it (Again / Hard / Good / Easy) and the question comes back on a forgetting-curve schedule (FSRS). Start with /quiz.',
    done: 'All reviews done for now! {total} studied; the next one is due {next}.',
    rated: 'Saved: {grade}. This one comes back {next}.',
    dueNow: '{due} more due now.',
    continue: 'Continue reviewing',
    badRating: 'This rating button is not valid; press one under the answer again.',
    inMinutes: 'in {n} minutes',
    inHours: 'in {n} hours',
    inDays: 'in {n} days',
  },
  plan: planEn,
  link: linkEn,
  remind: remindEn,
  points: {
    open: 'Grade by key points',
    intro:
      'Compare with the answer: tick the key points you had recalled (★ marks must-say points), then press Done.',
    progress: 'Must-say points {recalled}/{must} · Done now rates: {grade}',
    done: 'Done',
    footer: 'Grading by key points',
    summary: 'Graded by key points: {recalled}/{must} must-say points recalled.',
    missed: 'Must-say points missed: {points}',
    weakTitle: '**Key points you miss most** (from grading by key points; a button opens the answer)',
    weakLine: '{n}. **{point}** · {question} (missed {missed} of {seen})',
    bad: 'This grading button is not valid (the entry may have changed); press “Grade by key points” under the answer again.',
  },
  telegram: {
    inlineTooFast: 'Too many searches: wait a few seconds, then type again.',
    sentPrivately: 'Sent to you in a private chat.',
    startPrivately:
      'Open a private chat with me first (open my profile, press Start), then press the button again.',
    openPrivately: 'This is personal, so it is shown in your private chat with me.',
    askReply: 'Reply to this message with your text ({max} characters at most).',
    openPrivatelyButton: 'Open privately',
    unsignedLink:
      'This link cannot do that: it was not made for you by this bot. Nothing was changed. Press the button in the chat instead.',
  },
  discord: {
    truncated: 'Too long, shortened. The full entry: {command}',
    truncatedNoId: 'Too long, shortened.',
    restarting: 'The bot is restarting; please try again in a moment.',
    notInGroupDm:
      '/{command} is not available in group DMs (nor in DMs between other people): the bot cannot post there.',
  },
  daily: {
    answerPrivately: 'Answer (only you)',
    postTitle: '📅 Daily question · {date}',
    postFooter: 'Think first, then press the button to see the answer privately.',
    postFooterReveal: 'Think first: the answer comes at {time}, or press the button to see it privately now.',
    revealTitle: '✅ Daily question · answer',
    result: '📊 {answered} people answered, {percent} % right',
    notEnabled:
      'The daily question is not enabled on this bot (its operator started it without the scheduler).',
    subscribedTitle: 'Daily question subscribed',
    updatedTitle: 'Daily question settings updated',
    subscribedFooter: '/daily status to check · /daily now for a question now · /daily unsubscribe to stop',
    unsubscribed: 'Stopped the daily question for {target}.',
    notSubscribed:
      'There is no daily question for {target}. Use /daily subscribe, e.g. /daily subscribe 09:00 Europe/Berlin.',
    thisChat: 'this chat',
    badTime:
      '"{value}" is not a time. Use HH:MM on a 24-hour clock, from 00:00 to 23:59, e.g. 09:00 or 21:30.',
    badTimezone:
      '"{value}" is not an IANA time zone. Use a name like Asia/Shanghai, Europe/Berlin, America/New_York or UTC (full list: https://en.wikipedia.org/wiki/List_of_tz_database_time_zones).',
    badReveal:
      '"{value}" is not a valid reveal_after: give the hours from the post to the answer, a whole number from 0 (no scheduled reveal) to {max}, e.g. 8.',
    unknownWord:
      '"{value}" is neither a category nor a time zone. Categories: {categories}; a time zone is an IANA name like Asia/Shanghai.',
    badChat:
      '"{value}" does not name a chat. Use @channelname, t.me/channelname or a numeric id starting with -100.',
    noDirectory:
      'Only Telegram lets you name another chat (for channels). Send this command in the chat you want to subscribe.',
    chatNotFound:
      'Cannot find {chat}, or the bot cannot see it. Add the bot to it as an administrator first.',
    botCannotPost:
      'The bot cannot post in {chat}. Make it an administrator allowed to post messages, then try again.',
    notChatAdmin: 'Only the creator or an administrator of {chat} can set up its daily question.',
    directoryFailed: 'Cannot check the administrators of {chat} right now; please try again later.',
    revealInThread: "💡 The answer to today's question is in its thread.",
    openReveal: 'See the answer',
    labelThread: 'Thread:',
    threadOn: 'a public thread per question, archived after {hours} h without messages',
    threadOff: 'no thread',
    labelRole: 'Role ping:',
    roleId: 'role id {id} (mentioned in each post)',
    roleNone: 'nobody is mentioned',
    threadSkippedNoPermission:
      '⚠️ The last question got no thread: the bot lacks the Create Public Threads permission in this channel (Discord refused, 403). The question went out as usual; give the bot that permission and the next one gets a thread.',
    threadSkippedFailed:
      '⚠️ The last question got no thread: Discord had an error (logged). The question went out as usual; the next one tries again.',
    threadStarted: "The last question's thread: {url}",
    badArchive:
      '"{value}" is not an archive time. Choose 60, 1440, 4320 or 10080 minutes (1 hour, 1 day, 3 days, 7 days).',
    badRole:
      '"{value}" is not a role. Put @Role (or its id) in the role option; @everyone and @here cannot be used.',
    roleDiscordOnly: 'Only a Discord server can ping a role with the daily question.',
    statusTitle: 'Daily question · {target}',
    labelTime: 'Time:',
    labelCategory: 'Category:',
    labelReveal: 'Answer:',
    ...dailySettingsEn,
    digest: dailyDigestEn,
    roleSkip: dailyRoleSkipEn,
    labelNext: 'Next question:',
    labelLeft: 'Left in this round:',
    labelLast: 'Last question:',
    everyDay: 'every day at **{time}** ({timezone})',
    allCategories: 'all categories',
    revealAfter: '{hours} h after the post',
    revealNone: 'no scheduled reveal (the button shows it privately)',
    next: '{when} ({relative})',
    inDuration: 'in {hours} h {minutes} min',
    inMinutes: 'in {minutes} min',
    dueNow: 'being sent now',
    notScheduled: 'disabled, nothing scheduled',
    left: '{left} of {total} questions (round {round})',
    last: '{date} · {id} · {status}',
    status: {
      due: 'answer pending',
      sending: 'sending',
      sent: 'sent',
      retry: 'will retry',
      failed: 'failed',
      unknown: 'interrupted while sending (not repeated)',
      skipped: 'skipped',
    },
    disabled:
      '⚠️ Disabled: the bot could not post here on {days} days in a row (removed, or no permission). Fix that, then send /daily subscribe again to resume.',
    failing:
      '⚠️ The bot could not post here on the last {days} day(s); 3 in a row disable the daily question.',
    nowSent: 'Posted the next question: {id}.',
    nowRevealAt: 'The answer comes at {time}.',
    nowRetry: 'Could not post right now; it will be retried automatically.',
    nowGone: 'The bot cannot post here (removed, or no permission).',
    nowFailed: 'Posting failed; it has been logged. Check the bot’s permissions here, or try again later.',
    nowUnknown:
      'The connection broke while posting: the question may have arrived. It is not sent again, so it never shows up twice.',
    nowNoOutbox: 'The bot is not connected to {platform} right now; please try again later.',
    nowDisabled:
      'The daily question of {target} is disabled. Fix the bot’s permissions, then send /daily subscribe again.',
    nowNoEntries: 'No question matches this category.',
    nowStopped: 'The bot is stopping; please try again later.',
  },
  top: {
    title: 'Leaderboard · {window}',
    titleCategory: 'Leaderboard · {window} · {category}',
    window: { week: 'this week', month: 'this month', all: 'all time' },
    line: '{place} {name} — {correct}/{answered} right · {accuracy}% · {time}',
    you: 'You: #{rank} — {correct}/{answered} right · {accuracy}% · {time}',
    youNone: 'You have not answered here in this period yet.',
    empty: 'Nobody has answered here in this period yet. Ask a question with /quiz.',
    since: 'Since {date} ({zone})',
    seconds: '{n} s',
    minutes: '{m} min {s} s',
  },
  report: {
    button: 'Report',
    thanks: 'Thanks, we’ll look.',
    empty: 'Write what is wrong in the answer, e.g. /report {id} the formula in point 2 is missing a square',
    tooLong:
      'The report is too long: {max} characters at most, yours has {length}. Please shorten it and send it again.',
    full: 'Your reports on {id} today are merged into one, and this would take it over {max} characters. Please add more tomorrow.',
    rateLimited:
      'Each person can send {limit} reports a day and you have sent yours for today. Please come back tomorrow, thank you!',
    usage:
      'Send /report {id} followed by what is wrong in this answer ({max} characters at most), e.g. /report {id} the formula in point 2 is missing a square',
    formTitle: 'Report: {id}',
    formLabel: 'What is wrong in the answer?',
    forwardTitle: 'Report #{number} · {id}',
    forwardMerged: '(added by the same person to their report on this entry)',
  },
  stats: {
    title: 'Your stats',
    none: 'No multiple-choice answers yet. Answer a few with /quiz and your stats show here.',
    answered: '{answered} answered · {correct} right · {accuracy}% accuracy',
    categories: 'Accuracy by category',
    categoryLine: '{bar} {category} ({correct}/{answered})',
    streak: '🔥 Streak: {current} days · longest {longest}',
    frozen: '❄️ Freeze: {days} missed and forgiven (one day a week).',
    streakToday: 'Today counts already.',
    streakOpen: 'Nothing yet today: answer or review one question to keep the streak.',
    reviews: 'Reviews: {overdue} due now · {today} more due later today (/review)',
    weakest: 'Your weakest categories; press one to practise:',
    practise: 'Practise: {category}',
    forgetAsk:
      'Delete all your records on this platform? Your answers, reviews and streak days are deleted and cannot be restored. Nobody else’s records change.',
    forgetButton: 'Yes, delete my records',
    forgotten: 'Your records are deleted ({n}).',
    forgotNothing: 'You have no records here; nothing was deleted.',
  },
  round: roundEn,
  notify: notifyEn,
};
