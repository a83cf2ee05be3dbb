/** Who, where and in which language an interaction comes from, computed from what Discord sends. */
import { type BaseInteraction, PermissionFlagsBits } from 'discord.js';
import { pickLocale } from '../../core/i18n.ts';
import type { Origin } from '../../core/router.ts';

/**
 * True when the person may run admin commands: the Manage Server permission in a server (Discord sends the
 * member's permissions with every interaction, so no request is needed), always in a DM or group DM.
 */
export function isAdmin(interaction: BaseInteraction): boolean {
  if (interaction.guildId === null) return true;
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

/** The router origin of an interaction: the channel as chat (a server channel is a group). */
export function originOf(interaction: BaseInteraction): Origin {
  const user = interaction.user;
  return {
    platform: 'discord',
    chat: {
      id: interaction.channelId ?? user.id,
      kind: interaction.guildId !== null ? 'group' : 'private',
    },
    user: { id: user.id, name: user.globalName ?? user.username, admin: isAdmin(interaction) },
    locale: pickLocale(interaction.locale),
  };
}
