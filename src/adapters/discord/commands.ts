/**
 * Slash-command definitions generated from the commands of `commands/`, never written twice: names,
 * descriptions and options with zh-CN localizations, choices for category and difficulty, ManageGuild for
 * admin commands, and contexts / integration types so every command works in servers, DMs, group DMs
 * and as a user-installed app. `deploy-commands` sends them with one PUT.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandOptionChoice,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { KnowledgeBase } from '../../features/knowledge/base.ts';
import { DIFFICULTIES } from '../../features/knowledge/schema.ts';
import { choicesOf } from '../../kernel/args.ts';
import type { Command, OptionSpec, OptionsSpec } from '../../kernel/command.ts';
import { type Locale, type Localized, message } from '../../kernel/i18n.ts';
import { clamp } from './render.ts';

/** Discord's limits for command definitions. */
export const COMMAND_LIMITS = {
  choices: 25,
  description: 100,
  choiceName: 100,
  options: 25,
  stringLength: 6000,
};

const NAME_RE = /^[-_\p{Ll}\p{Lm}\p{Lo}\p{N}]{1,32}$/u;

/** One accepted value of a choice option, with its display name in every locale. */
export interface Choice {
  value: string;
  name: Localized;
}

function choiceName(option: OptionSpec, value: string, kb: KnowledgeBase): Localized {
  if (option.type === 'choice' && option.choices === 'category') {
    const c = kb.category(value);
    if (c) return { 'zh-CN': c.name, en: c.name_en };
  }
  const difficulty = DIFFICULTIES.find((d) => d === value);
  if (option.type === 'choice' && option.choices === 'difficulty' && difficulty) {
    const key = `common.difficulty.${difficulty}` as const;
    return { 'zh-CN': message('zh-CN', key), en: message('en', key) };
  }
  return { 'zh-CN': value, en: value };
}

/** The choices of an option (empty for a non-choice option). */
export function choicesFor(option: OptionSpec, kb: KnowledgeBase): Choice[] {
  return choicesOf(option, kb).map((value) => ({ value, name: choiceName(option, value, kb) }));
}

/** Autocomplete for a choice option with more choices than Discord lists: names or values containing the text. */
export function completeChoice(
  option: OptionSpec,
  kb: KnowledgeBase,
  partial: string,
  locale: Locale,
): { name: string; value: string }[] {
  const needle = partial.trim().toLowerCase();
  return choicesFor(option, kb)
    .filter((c) => c.value.toLowerCase().includes(needle) || c.name[locale].toLowerCase().includes(needle))
    .slice(0, COMMAND_LIMITS.choices)
    .map((c) => ({ name: clamp(c.name[locale], COMMAND_LIMITS.choiceName), value: c.value.slice(0, 100) }));
}

function checkName(name: string, where: string): string {
  if (!NAME_RE.test(name))
    throw new Error(
      `${where}: "${name}" is not a valid Discord name (1-32 lowercase letters, digits, - or _)`,
    );
  return name;
}

function describe(text: Localized) {
  return {
    description: clamp(text.en, COMMAND_LIMITS.description),
    description_localizations: { 'zh-CN': clamp(text['zh-CN'], COMMAND_LIMITS.description) },
  };
}

function optionJson(
  name: string,
  option: OptionSpec,
  kb: KnowledgeBase,
  where: string,
): APIApplicationCommandBasicOption {
  const base = { name: checkName(name, where), ...describe(option.description), required: !!option.required };
  if (option.type === 'integer') {
    return {
      ...base,
      type: ApplicationCommandOptionType.Integer,
      min_value: option.min,
      max_value: option.max,
    };
  }
  if (option.type === 'string') {
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      ...(option.maxLength ? { max_length: Math.min(option.maxLength, COMMAND_LIMITS.stringLength) } : {}),
      ...(option.autocomplete ? { autocomplete: true as const } : {}),
    };
  }
  const choices = choicesFor(option, kb);
  if (choices.length > COMMAND_LIMITS.choices) {
    // Too many to list: Discord suggests them as the person types (see completeChoice).
    return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true };
  }
  const listed: APIApplicationCommandOptionChoice<string>[] = choices.map((c) => ({
    name: clamp(c.name.en, COMMAND_LIMITS.choiceName),
    name_localizations: { 'zh-CN': clamp(c.name['zh-CN'], COMMAND_LIMITS.choiceName) },
    value: c.value,
  }));
  return { ...base, type: ApplicationCommandOptionType.String, choices: listed };
}

function optionsJson(options: OptionsSpec | undefined, kb: KnowledgeBase, where: string) {
  const list = Object.entries(options ?? {}).map(([name, o]) => optionJson(name, o, kb, where));
  if (list.length > COMMAND_LIMITS.options) throw new Error(`${where}: more than 25 options`);
  // Discord wants the required options first.
  return [...list.filter((o) => o.required), ...list.filter((o) => !o.required)];
}

/** The slash-command definition of one command. */
export function commandJson(
  command: Command,
  kb: KnowledgeBase,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const where = `/${command.name}`;
  const options: APIApplicationCommandOption[] = command.subcommands
    ? Object.entries(command.subcommands).map(([name, sub]) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: checkName(name, where),
        ...describe(sub.description),
        options: optionsJson(sub.options, kb, `${where} ${name}`),
      }))
    : optionsJson(command.options, kb, where);
  return {
    type: ApplicationCommandType.ChatInput,
    name: checkName(command.name, where),
    ...describe(command.description),
    options,
    default_member_permissions: command.access === 'admin' ? String(PermissionFlagsBits.ManageGuild) : null,
    contexts: [
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    ],
    integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  };
}

/**
 * Every slash-command definition, in the order of the commands.
 * @throws Error naming the command when a name is not valid on Discord.
 */
export function discordCommands(
  commands: readonly Command[],
  kb: KnowledgeBase,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((c) => commandJson(c, kb));
}
