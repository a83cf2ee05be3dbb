/** The context a round's own posts are built in: its chat, in its language, as the bot. */
import type { CommandContext, Services } from '../../kernel/context.ts';
import { translator } from '../../kernel/i18n.ts';
import type { RoundRecord } from './store.ts';

/** A context for building a round's replies outside of a command (the runner posting on its own). */
export function roundContext(services: Services, round: RoundRecord): CommandContext {
  return {
    services,
    platform: round.platform,
    chat: { id: round.chatId, kind: 'group' },
    user: { id: 'dlkb-round', admin: false },
    locale: round.locale,
    t: translator(round.locale),
    commands: [],
  };
}
