/**
 * Members' roles on Discord (`MemberRoles`): the state of the daily post's role in the server of a channel
 * (does it exist, may the bot mention it, may it give it), and giving or removing it for a member with
 * discord.js (`GuildMemberManager.addRole` / `removeRole`, Manage Roles and a role below the bot's
 * highest). The server is found from the channel (REST), then read from the cache the Guilds intent keeps
 * (or fetched once when it is not there).
 */
import { type APIChannel, type Client, type Guild, PermissionFlagsBits, Routes } from 'discord.js';
import { DeliveryError, type MemberRoles, type RoleState } from '../../kernel/outbox.ts';
import { toDeliveryError } from './errors.ts';

const SNOWFLAKE = /^\d{1,20}$/;

async function guildOf(client: Client, chatId: string): Promise<Guild> {
  if (!SNOWFLAKE.test(chatId)) throw new DeliveryError(`discord: bad channel id "${chatId}"`, 'gone');
  const cached = client.channels.cache.get(chatId);
  let guildId = cached && 'guildId' in cached ? cached.guildId : undefined;
  if (!guildId) {
    const channel = (await client.rest.get(Routes.channel(chatId))) as APIChannel & { guild_id?: string };
    guildId = channel.guild_id;
  }
  if (!guildId) throw new DeliveryError(`discord: channel ${chatId} is not in a server`, 'gone');
  return client.guilds.fetch(guildId);
}

async function state(client: Client, chatId: string, roleId: string): Promise<RoleState> {
  const guild = await guildOf(client, chatId);
  // Fetched afresh (the member and every role): a permission or a role changed since shows at once.
  const [me, roles] = await Promise.all([guild.members.fetchMe({ force: true }), guild.roles.fetch()]);
  const role = roles.get(roleId);
  if (!role) return { exists: false, canMention: false, canManage: 'no-permission' };
  const canMention = role.mentionable || me.permissions.has(PermissionFlagsBits.MentionEveryone);
  const canManage = !me.permissions.has(PermissionFlagsBits.ManageRoles)
    ? 'no-permission'
    : role.comparePositionTo(me.roles.highest) >= 0 || role.managed
      ? 'role-above'
      : 'ok';
  return { exists: true, canMention, canManage };
}

/** The member-role capability of the Discord outbox, over a logged-in client. */
export function memberRoles(client: Client): MemberRoles {
  return {
    async roleState(chatId, roleId) {
      try {
        return await state(client, chatId, roleId);
      } catch (error) {
        throw error instanceof DeliveryError ? error : toDeliveryError(error);
      }
    },
    async setMemberRole(chatId, userId, roleId, on) {
      if (!SNOWFLAKE.test(userId) || !SNOWFLAKE.test(roleId))
        throw new DeliveryError(`discord: bad member or role "${userId}/${roleId}"`, 'gone');
      try {
        const guild = await guildOf(client, chatId);
        const options = { user: userId, role: roleId, reason: on ? '/notify on' : '/notify off' };
        if (on) await guild.members.addRole(options);
        else await guild.members.removeRole(options);
      } catch (error) {
        throw error instanceof DeliveryError ? error : toDeliveryError(error);
      }
    },
  };
}
