/**
 * What a handler knows about the world, in one import: the services, who asks, where, and in which
 * language. The types live in `identity.ts`, `services.ts` and `command.ts`; kernel files import those
 * directly, so this file is only for commands, features and adapters.
 */
export type { CommandContext } from './command.ts';
export type { Chat, Platform, User } from './identity.ts';
export type { Services } from './services.ts';
