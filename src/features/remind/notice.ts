/**
 * The reminders' part of `Services.notice`: the one-time notice that a person's reminders were turned
 * off (the platform refused the private message), shown above the reply to their next command. A
 * Telegram command from a private chat also marks the person reachable (the bot may message them now).
 */
import { userKey } from '../../kernel/identity.ts';
import type { NoticeTarget, Services } from '../../kernel/services.ts';

/** The notice hook over the reminders store. */
export function reminderNotice(
  services: Pick<Services, 'store'>,
): (who: NoticeTarget) => Promise<string | undefined> {
  return async ({ platform, userId, chatKind, t, shown }) => {
    const { reminders } = services.store;
    const reminder = await reminders.get(userKey(platform, userId));
    if (!reminder) return undefined;
    const seen = platform === 'telegram' && chatKind === 'private' && !reminder.reachable;
    const take = shown && reminder.notice !== null;
    if (!seen && !take) return undefined;
    await reminders.put({
      ...reminder,
      reachable: reminder.reachable || seen,
      notice: take ? null : reminder.notice,
    });
    if (!take) return undefined;
    return t(platform === 'discord' ? 'remind.noticeDiscord' : 'remind.noticeTelegram');
  };
}
