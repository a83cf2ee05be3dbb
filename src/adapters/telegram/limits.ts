/** Telegram's limits for one bot: send rates (the daily question's lane keeps to them) and uploads. */
import type { SendLimits } from '../../kernel/outbox.ts';
import type { UploadLimit } from '../../kernel/reply-files.ts';

/** Telegram allows about 30 messages/s per bot; this stays a little under. */
export const TELEGRAM_SEND_LIMITS: SendLimits = { perSecond: 25, burst: 3, concurrency: 8 };

/** Documents a bot uploads: 50 MB each (the Bot API's limit), one per `sendDocument`, sent in turn. */
export const TELEGRAM_UPLOAD_LIMIT: UploadLimit = {
  perFile: 50 * 1000 * 1000,
  total: Number.POSITIVE_INFINITY,
  count: Number.POSITIVE_INFINITY,
};
