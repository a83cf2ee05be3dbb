/**
 * `dlkb deploy-commands [--guild ID]`: registers the slash commands generated from `commands/` with one
 * REST PUT, globally or for one server (instant, for development). Run it once after adding or changing a
 * command, never on every start: Discord limits daily command creations.
 */
import { parseArgs } from 'node:util';
import { type APIApplication, DiscordAPIError, REST, Routes } from 'discord.js';
import { discordCommands } from '../adapters/discord/commands.ts';
import { type Config, ConfigError, EX_CONFIG, loadConfig } from '../config.ts';
import type { KnowledgeBase } from '../features/knowledge/base.ts';
import { KnowledgeError } from '../features/knowledge/errors.ts';
import { loadKnowledge } from '../features/knowledge/load.ts';
import type { Command } from '../kernel/command.ts';
import { loadCommands } from '../kernel/load-commands.ts';
import { addSecret, redact } from '../kernel/log.ts';
import { type CliCommand, UsageError } from './usage.ts';

/** What to register, where, and with which token. */
export interface DeployOptions {
  token: string;
  /** REST base; default https://discord.com/api. */
  apiUrl?: string;
  /** Skips looking the application up with the token. */
  applicationId?: string;
  /** Registers for one server instead of globally. */
  guildId?: string;
  /** Removes every command there instead (e.g. a development server's copy once they are global). */
  clear?: boolean;
  commands: readonly Command[];
  kb: KnowledgeBase;
}

/** Registers the commands (or none, with `clear`) with one PUT; resolves to the names Discord now has. */
export async function deployCommands(options: DeployOptions): Promise<string[]> {
  addSecret(options.token);
  const body = options.clear ? [] : discordCommands(options.commands, options.kb);
  const rest = new REST({
    ...(options.apiUrl ? { api: options.apiUrl.replace(/\/+$/, '') } : {}),
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
  }).setToken(options.token);
  const applicationId =
    options.applicationId ?? ((await rest.get(Routes.oauth2CurrentApplication())) as APIApplication).id;
  const route = options.guildId
    ? Routes.applicationGuildCommands(applicationId, options.guildId)
    : Routes.applicationCommands(applicationId);
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return saved.map((c) => c.name);
}

function explain(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) return 'Discord refused the token (401). Check DISCORD_TOKEN.';
    const details = JSON.stringify((error.rawError as { errors?: unknown }).errors ?? {});
    return `Discord answered ${error.status} ${String(error.code)}: ${error.message} ${details}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The CLI subcommand. Reads DISCORD_TOKEN, DISCORD_API_URL and DISCORD_APPLICATION_ID through the
 * configuration (`.env` or the environment), like `npm start`; exits 78 when the token is missing.
 */
export const deployCommandsCli: CliCommand = {
  usage:
    'deploy-commands [--guild ID] [--clear]  register the Discord slash commands (global, or one server); --clear removes them',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { guild: { type: 'string' }, clear: { type: 'boolean', default: false } },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild))
      throw new UsageError('--guild takes a server id (17 to 20 digits)');
    let config: Config;
    try {
      config = loadConfig();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(`dlkb deploy-commands: configuration error: ${error.message}`);
      return EX_CONFIG;
    }
    if (!config.discord) {
      console.error(
        'dlkb deploy-commands: DISCORD_TOKEN is not set. Copy the bot token from the Discord developer ' +
          'portal (your application → Bot → Reset Token), put it in .env or the environment, and run: ' +
          'npm run --silent dlkb -- deploy-commands',
      );
      return EX_CONFIG;
    }
    try {
      const names = await deployCommands({
        token: config.discord.token,
        apiUrl: config.discord.apiUrl,
        applicationId: config.discord.applicationId,
        guildId: values.guild,
        clear: values.clear,
        commands: await loadCommands(),
        kb: loadKnowledge(),
      });
      const where = values.guild ? `in server ${values.guild}` : 'globally';
      if (values.clear) console.log(`removed every command ${where}`);
      else
        console.log(`registered ${names.length} commands ${where}: ${names.map((n) => `/${n}`).join(' ')}`);
      return 0;
    } catch (error) {
      if (error instanceof KnowledgeError) console.error(`dlkb deploy-commands: ${error.message}`);
      else console.error(`dlkb deploy-commands: ${redact(explain(error))}`);
      return 1;
    }
  },
};
