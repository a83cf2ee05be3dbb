/** Discord's send limits for one bot, as the daily question's lane keeps to them. */
import type { SendLimits } from '../../kernel/outbox.ts';

/** Discord allows 50 requests/s (discord.js also queues per route); this stays a little under. */
export const DISCORD_SEND_LIMITS: SendLimits = { perSecond: 40, burst: 5, concurrency: 8 };
