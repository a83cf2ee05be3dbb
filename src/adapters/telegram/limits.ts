/** Telegram's send limits for one bot, as the daily question's lane keeps to them. */
import type { SendLimits } from '../../kernel/outbox.ts';

/** Telegram allows about 30 messages/s per bot; this stays a little under. */
export const TELEGRAM_SEND_LIMITS: SendLimits = { perSecond: 25, burst: 3, concurrency: 8 };
