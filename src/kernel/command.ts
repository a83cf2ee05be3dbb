/**
 * How a command is declared. One file in `commands/` declares one command with `defineCommand`:
 * its name, localized descriptions, typed options, who may run it, its handler and its button handlers.
 * Option types are inferred from the declaration, so a handler's `args` are typed without casts.
 */

import type { Locale, Localized, Translate } from './i18n.ts';
import type { Chat, Platform, User } from './identity.ts';
import type { Reply } from './reply.ts';
import type { Services } from './services.ts';

/** Everything a handler gets besides its arguments. */
export interface CommandContext {
  services: Services;
  platform: Platform;
  chat: Chat;
  user: User;
  locale: Locale;
  t: Translate;
  /** Every loaded command, for /help. */
  commands: readonly Command[];
}

/** Choices computed from the knowledge base rather than listed. */
export type DynamicChoices = 'category' | 'difficulty';

interface OptionBase {
  description: Localized;
  required?: boolean;
}

/** A free-text option; `rest` takes the rest of a text line; `autocomplete: 'entry'` suggests entry ids. */
export interface StringOption extends OptionBase {
  type: 'string';
  autocomplete?: 'entry';
  rest?: boolean;
  maxLength?: number;
}

/** A whole-number option within bounds. */
export interface IntegerOption extends OptionBase {
  type: 'integer';
  min: number;
  max: number;
}

/** One value out of a fixed or knowledge-derived list. */
export interface ChoiceOption extends OptionBase {
  type: 'choice';
  choices: DynamicChoices | readonly string[];
}

export type OptionSpec = StringOption | IntegerOption | ChoiceOption;
export type OptionsSpec = Readonly<Record<string, OptionSpec>>;

type ValueOf<O extends OptionSpec> = O extends IntegerOption ? number : string;
type RequiredKeys<S extends OptionsSpec> = {
  [K in keyof S]: S[K] extends { required: true } ? K : never;
}[keyof S];

/** The typed arguments of a handler, inferred from its options. */
export type ArgsOf<S extends OptionsSpec> = { [K in RequiredKeys<S>]: ValueOf<S[K]> } & {
  [K in Exclude<keyof S, RequiredKeys<S>>]?: ValueOf<S[K]>;
};

/** Who may run a command: everyone, or the admins of the chat (checked by the router on every call). */
export type Access = 'everyone' | 'admin';

export type Handler<S extends OptionsSpec> = (ctx: CommandContext, args: ArgsOf<S>) => Reply | Promise<Reply>;

/** A button handler gets the arguments of the action id (`<command>:<verb>:<args>`). */
export type ButtonHandler = (ctx: CommandContext, args: string[]) => Reply | Promise<Reply>;

/**
 * Declares that every reply is private (only the person sees it), before any is computed: an adapter
 * that must acknowledge a slow reply early can then do so privately (Discord defers it ephemerally).
 */
export type Replies = 'private';

/** A subcommand: its own options and handler. */
export interface Subcommand<S extends OptionsSpec = OptionsSpec> {
  description: Localized;
  /** Every reply of this subcommand is private (see `Replies`). */
  replies?: Replies;
  options?: S;
  run: Handler<S>;
}

interface CommandBase {
  /** Lowercase Latin, the same on every platform. */
  name: string;
  description: Localized;
  access?: Access;
  /**
   * The handler reads `ctx.user.admin` although everyone may run it (`/round stop`: its starter or an
   * admin): adapters then learn it from the platform on every call, as for an admin-only command.
   */
  checksAdmin?: boolean;
  /** Every reply of this command (each of its subcommands) is private (see `Replies`). */
  replies?: Replies;
  /** Button handlers, by verb. Buttons are open to everyone who can see them. */
  buttons?: Readonly<Record<string, ButtonHandler>>;
  /**
   * The verbs of `buttons` that only show something and change nothing. Only these may be pressed from
   * a link anyone can write (a Telegram deep link the bot did not sign); the others need the bot's signature.
   */
  readOnlyButtons?: readonly string[];
}

/** A command with options and one handler. */
export interface SimpleCommand<S extends OptionsSpec = OptionsSpec> extends CommandBase {
  options?: S;
  run: Handler<S>;
  subcommands?: undefined;
}

/** A command made of subcommands (`/daily subscribe …`). */
export interface GroupCommand extends CommandBase {
  // biome-ignore lint/suspicious/noExplicitAny: each subcommand keeps its own inferred option types.
  subcommands: Readonly<Record<string, Subcommand<any>>>;
  options?: undefined;
  run?: undefined;
}

export type Command = SimpleCommand | GroupCommand;

/** Declares a command with options; `args` of `run` are inferred from `options`. */
export function defineCommand<const S extends OptionsSpec>(def: SimpleCommand<S>): Command;
/** Declares a command made of subcommands. */
export function defineCommand(def: GroupCommand): Command;
export function defineCommand(def: Command): Command {
  return def;
}

/** Declares one subcommand; `args` of `run` are inferred from `options`. */
export function defineSubcommand<const S extends OptionsSpec>(def: Subcommand<S>): Subcommand<S> {
  return def;
}

/** The declaration of an option of a command (of its subcommand, for a command made of subcommands). */
export function optionSpec(
  command: Command,
  subcommand: string | null | undefined,
  name: string,
): OptionSpec | undefined {
  const options: OptionsSpec | undefined = command.subcommands
    ? command.subcommands[subcommand ?? '']?.options
    : command.options;
  return options?.[name];
}
