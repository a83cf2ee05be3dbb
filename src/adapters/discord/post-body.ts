/**
 * The JSON body of a channel post (the daily question): the rendered message, a reply reference, and the
 * only mention dlkb ever makes, an opt-in role ping (`allowed_mentions: { parse: [], roles: [role] }`).
 * Without a role nothing can ping: not users, not roles, never `@everyone` or `@here`.
 */
import type { SendOptions } from '../../kernel/outbox.ts';
import type { DiscordMessage } from './render.ts';

/** A Discord snowflake id. */
const SNOWFLAKE = /^\d{1,20}$/;

/** What Discord may ping for a post: nothing, or exactly one role. */
export type AllowedMentions = { parse: [] } | { parse: []; roles: [string] };

/** The body of `POST /channels/:id/messages` for a rendered message. */
export interface PostBody {
  content?: string;
  embeds: DiscordMessage['embeds'];
  components: DiscordMessage['components'];
  allowed_mentions: AllowedMentions;
  message_reference?: { message_id: string; fail_if_not_exists: false };
}

/**
 * Builds a post's body. `mentionRole` (a role id) puts `<@&role>` in the content and allows exactly that
 * mention; anything that is not a snowflake is ignored, so a post never pings what was not chosen.
 */
export function postBody(message: DiscordMessage, options: SendOptions = {}): PostBody {
  const role = options.mentionRole && SNOWFLAKE.test(options.mentionRole) ? options.mentionRole : null;
  return {
    ...(role ? { content: `<@&${role}>` } : {}),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: role ? { parse: [], roles: [role] } : { parse: [] },
    ...(options.replyTo && SNOWFLAKE.test(options.replyTo)
      ? { message_reference: { message_id: options.replyTo, fail_if_not_exists: false } }
      : {}),
  };
}

/** Discord's auto-archive durations of a thread, in minutes. */
export const ARCHIVE_MINUTES = [60, 1440, 4320, 10080] as const;

/** The allowed auto-archive duration nearest to `minutes` (a day when it is not a number). */
export function archiveDuration(minutes: number): (typeof ARCHIVE_MINUTES)[number] {
  if (!Number.isFinite(minutes)) return 1440;
  return ARCHIVE_MINUTES.reduce((best, m) => (Math.abs(m - minutes) < Math.abs(best - minutes) ? m : best));
}
