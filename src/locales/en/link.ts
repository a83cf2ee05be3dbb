/** The texts of linking accounts into one learner (/link, /unlink) in English. */
export const linkEn = {
  title: 'Linked accounts',
  code: 'Your one-time link code: {code}\nIt works once, for {minutes} minutes. On your other platform (Discord, Telegram or the terminal), send {command}: the two accounts’ reviews, answers, streaks, key points and plans merge into one learner.',
  account: '{platform} {id}',
  platform: { discord: 'Discord', telegram: 'Telegram', terminal: 'Terminal' },
  thisAccount: '- {account} (this account)',
  otherAccount: '- {account}',
  accounts: 'These accounts are one learner and share every record:',
  alone:
    'This account is not linked to another. Send `/link` to get a code, then `/link CODE` on your other platform.',
  linked: 'Linked: your records are merged (of one question the later review counts; counts add up).',
  badCode: '“{value}” is not a link code. A code is 10 letters or digits, e.g. `/link ABCDE-FGHJK`.',
  wrongCode:
    'No such link code. Check it and try again, or send `/link` on your other account for a new one.',
  usedCode:
    'This link code was already used; each code works once. Send `/link` on your other account for a new one.',
  expiredCode:
    'This link code has expired (codes work for 10 minutes). Send `/link` on your other account for a new one.',
  ownCode: 'That is this account’s own code: send it from your account on another platform.',
  already: 'These accounts are already linked. Send `/link status` to see them.',
  samePlatform:
    'Cannot link: both sides already have a {platform} account, and a learner has one account per platform. Send `/unlink` on one of them first.',
  slowDown: 'Too many tries. Please wait a few minutes before entering a code again.',
  notLinked: 'This account is not linked to another; there is nothing to unlink.',
  unlinkAsk:
    'After unlinking, {account} leaves this learner and starts with an empty history; the merged history stays with {others}. Unlink?',
  unlinkButton: 'Unlink',
  forgetLinked: 'This account is linked: the records of every linked account ({accounts}) are deleted.',
  unlinked: 'Unlinked: this account starts with an empty history; the earlier records stay with {others}.',
};
