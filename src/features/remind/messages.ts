/** What a reminder says, and where it goes: the person's private chat (Telegram) or DM (Discord). */
import { translator } from '../../kernel/i18n.ts';
import type { Reply } from '../../kernel/reply.ts';
import { reviewNextId } from '../review/review.ts';
import type { Reminder } from './store.ts';

/** The reminder: how many cards are due, and a button that starts /review. */
export function reminderReply(reminder: Reminder, due: number): Reply {
  const t = translator(reminder.locale);
  return {
    title: t.plain('remind.title'),
    body: t('remind.message', { due }),
    buttons: [[{ label: t.plain('remind.startReview'), action: reviewNextId.action(), style: 'primary' }]],
    footer: t.plain('remind.footer', { time: reminder.time, zone: reminder.timezone }),
  };
}
