/** Who, where and in which language an interaction comes from, computed from what Discord sends. */
import { type BaseInteraction, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { pickLocale } from '../../kernel/i18n.ts';
import type { Origin } from '../../kernel/router.ts';

/**
 * True for a group DM, or a DM between two other people: a chat where the app was installed by a user
 * (interaction context "private channel"). Nobody administers it and the bot cannot post in it.
 */
export function inPrivateChannel(interaction: BaseInteraction): boolean {
  return interaction.guildId === null && interaction.context === InteractionContextType.PrivateChannel;
}

/**
 * True when the person may run admin commands: the Manage Server permission in a server (Discord sends the
 * member's permissions with every interaction, so no request is needed), always in their own DM with the
 * bot, never in a group DM (see `inPrivateChannel`).
 */
export function isAdmin(interaction: BaseInteraction): boolean {
  if (inPrivateChannel(interaction)) return false;
  if (interaction.guildId === null) return true;
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

/** The router origin of an interaction: the channel as chat (a server channel or group DM is a group). */
export function originOf(interaction: BaseInteraction): Origin {
  const user = interaction.user;
  return {
    platform: 'discord',
    chat: {
      id: interaction.channelId ?? user.id,
      kind: interaction.guildId !== null || inPrivateChannel(interaction) ? 'group' : 'private',
    },
    user: { id: user.id, name: user.globalName ?? user.username, admin: isAdmin(interaction) },
    locale: pickLocale(interaction.locale),
  };
}
