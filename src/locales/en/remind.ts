/** The reminders' texts (/remind, the reminder itself, its notice) in English. */
export const remindEn = {
  title: '⏰ Review reminder',
  message: 'You have **{due}** cards due. A good moment to review them.',
  startReview: 'Start review',
  footer: 'Daily at {time} ({zone}) · /remind off to stop',
  on: 'Reminders on: at {time} ({zone}) on each day you have cards due, I send you one private message; otherwise I stay quiet.',
  startPrivately:
    'But I cannot message you yet: Telegram lets a bot message only people who have started a private chat with it. Press the button below to open a private chat with me, then press Start.',
  startPrivatelyButton: 'Open a private chat',
  off: 'Reminders off.',
  offNothing: 'Reminders were not on; nothing changed.',
  statusOn: 'Reminders: on · daily at {time} ({zone}) · {due} due now',
  statusOff:
    'Reminders: off. Send `/remind on` to turn them on (09:00 unless you give a time and time zone, e.g. `/remind on 08:30 Europe/Berlin`), `/remind off` to stop.',
  bad: 'I do not understand "{value}": give a time HH:MM and/or a time zone (IANA name), e.g. `/remind on 08:30 Asia/Shanghai`.',
  badMode:
    'Usage: `/remind on [HH:MM] [time zone]` · `/remind off` · `/remind` (status). I do not understand "{value}".',
  terminal: 'The terminal has no reminders: they are sent as a Discord DM or in a Telegram private chat.',
  noticeDiscord:
    '⚠️ Your review reminders are off: Discord refused my direct message (you may have closed DMs from server members). Allow DMs, then send `/remind on` to turn them on again.',
  noticeTelegram:
    '⚠️ Your review reminders are off: I could not message you privately (you have not started a private chat with me, or blocked me). Press Start in a private chat with me, then send `/remind on`.',
};
