/** The context a round's own posts are built in: its chat, in its language, as the bot. */
import { type CommandContext, postingContext, type Services } from '../../kernel/context.ts';
import type { RoundRecord } from './store.ts';

/** A context for building a round's replies outside of a command (the runner posting on its own). */
export function roundContext(services: Services, round: RoundRecord): CommandContext {
  return postingContext(services, round, 'dlkb-round');
}
