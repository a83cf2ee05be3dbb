/**
 * Which time zone a chat's days follow: its daily subscription's, else the bot's default
 * (`DLKB_TIMEZONE`, as the daily scheduler resolved it), else the scheduler's built-in default.
 */
import type { Services } from '../../kernel/services.ts';
import { DEFAULT_TIMEZONE } from '../daily/time.ts';

/** The IANA time zone of a chat. */
export async function chatZone(
  services: Pick<Services, 'store' | 'daily'>,
  chatKey: string,
): Promise<string> {
  return (
    (await services.store.daily.getSubscription(chatKey))?.timezone ??
    services.daily?.defaultTimezone ??
    DEFAULT_TIMEZONE
  );
}
