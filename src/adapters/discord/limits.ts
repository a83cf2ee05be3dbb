/** Discord's limits for one bot: send rates (the daily question's lane keeps to them) and uploads. */
import type { SendLimits } from '../../kernel/outbox.ts';
import type { UploadLimit } from '../../kernel/reply-files.ts';

/** Discord allows 50 requests/s (discord.js also queues per route); this stays a little under. */
export const DISCORD_SEND_LIMITS: SendLimits = { perSecond: 40, burst: 5, concurrency: 8 };

/**
 * Attachments of one message: 10 MiB per file and per request for a bot (Discord's default upload
 * limit since 2024), at most 10 files.
 */
export const DISCORD_UPLOAD_LIMIT: UploadLimit = {
  perFile: 10 * 1024 * 1024,
  total: 10 * 1024 * 1024,
  count: 10,
};
