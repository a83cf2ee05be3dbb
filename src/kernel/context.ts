/**
 * What a handler knows about the world, in one import: the services, who asks, where, and in which
 * language. The types live in `identity.ts`, `services.ts` and `command.ts`; kernel files import those
 * directly, so this file is only for commands, features and adapters.
 */
export type { CommandContext } from './command.ts';
export type { Chat, Platform, User } from './identity.ts';
export type { Services } from './services.ts';

import type { CommandContext } from './command.ts';
import { type Locale, translator } from './i18n.ts';
import type { Platform } from './identity.ts';
import type { Services } from './services.ts';

/**
 * A context for building replies outside of a command, when the bot posts on its own (the daily
 * scheduler, a round's runner): the chat as a group, in its language, the bot as `as`.
 */
export function postingContext(
  services: Services,
  where: { platform: Platform; chatId: string; locale: Locale },
  as: string,
): CommandContext {
  return {
    services,
    platform: where.platform,
    chat: { id: where.chatId, kind: 'group' },
    user: { id: as, admin: false },
    locale: where.locale,
    t: translator(where.locale),
    commands: [],
  };
}
