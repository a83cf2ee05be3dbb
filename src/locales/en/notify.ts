/** The texts of /notify and of the daily post's role fallback, in English; the same keys as `zh-CN/notify.ts` (the compiler checks). */
import type { Messages } from '../zh-CN.ts';

/** `notify.*`. */
export const notifyEn: Messages['notify'] = {
  on: 'Done: you have the role {role} and the daily question will mention you. /notify off leaves it.',
  off: 'Done: you no longer have the role {role}; the daily question will not mention you.',
  noRoles:
    'Telegram has no roles, so there is no mention to sign up for: turn on the group’s notifications instead. This command is for Discord servers.',
  discordOnly: 'This command is for Discord servers, where it gives you the daily question’s ping role.',
  noRole:
    'The daily question of this channel mentions no role. An admin can choose one with /daily subscribe role:@Role.',
  unavailable: 'The bot is not connected to Discord right now, so it cannot change roles. Try again later.',
  roleGone: 'The role {role} was deleted. An admin can choose another with /daily subscribe role:@Role.',
  noPermission:
    'The bot lacks the Manage Roles permission, so it cannot give or remove roles. An admin can turn on Manage Roles for the bot’s role in Server Settings.',
  roleAbove:
    'The role {role} is not below the bot’s highest role, and Discord lets a bot give only roles below its own. An admin can drag the bot’s role above it in Server Settings → Roles.',
  failed: 'Discord had an error and the role was not changed. Try again later.',
};

/** `daily.roleSkip.*`: why the last post went out without its role ping (`/daily status`). */
export const dailyRoleSkipEn: Messages['daily']['roleSkip'] = {
  gone: '⚠️ The last post did not mention the role {role}: the role was deleted. The post went out as usual. Choose another with /daily subscribe role:@Role, or leave role out to stop mentioning.',
  noPermission:
    '⚠️ The last post did not mention the role {role}: the role is not mentionable and the bot lacks Mention @everyone, @here and All Roles. The post went out as usual. Make the role mentionable in Server Settings, or give the bot that permission.',
};
