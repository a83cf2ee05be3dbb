/** Interaction payloads as Discord sends them in INTERACTION_CREATE, for the fake gateway. */
import type { Json } from '../fakes/discord.ts';

let counter = 800000000000000000n;

/** A fresh snowflake-like id. */
export function snowflake(): string {
  counter += 1n;
  return String(counter);
}

/** Where and by whom an interaction is sent. */
export interface Where {
  /** In a server channel (default) or a DM with the bot. */
  dm?: boolean;
  /** In a group DM (the app installed by a user: interaction context 2, channel type 3). */
  groupDm?: boolean;
  /** The member's permission bits in a server (default "0": no ManageGuild). */
  permissions?: string;
  locale?: string;
  userId?: string;
  channelId?: string;
  /** The server, for a server channel (default GUILD_ID). */
  guildId?: string;
}

/** The server of guild interactions. */
export const GUILD_ID = '300000000000000001';
/** The channel interactions come from. */
export const CHANNEL_ID = '600000000000000001';
/** Manage Server. */
export const MANAGE_GUILD = '32';

function user(id: string): Json {
  return { id, username: 'student', discriminator: '0', global_name: 'Student', avatar: null };
}

/** The fields every interaction has. */
export function base(applicationId: string, where: Where = {}): Json {
  const userId = where.userId ?? '400000000000000001';
  const channelId = where.channelId ?? CHANNEL_ID;
  const common = {
    id: snowflake(),
    token: `token-${snowflake()}`,
    application_id: applicationId,
    version: 1,
    locale: where.locale ?? 'zh-CN',
    entitlements: [],
    app_permissions: '0',
    attachment_size_limit: 10_000_000,
  };
  if (where.groupDm) {
    const others = [user('400000000000000099'), user('400000000000000098')];
    return {
      ...common,
      context: 2,
      authorizing_integration_owners: { '1': userId },
      channel: { id: channelId, type: 3, recipients: [user(userId), ...others], name: null },
      channel_id: channelId,
      user: user(userId),
    };
  }
  if (where.dm) {
    return {
      ...common,
      context: 1,
      authorizing_integration_owners: { '1': userId },
      channel: { id: channelId, type: 1, recipients: [user(userId)] },
      channel_id: channelId,
      user: user(userId),
    };
  }
  const guildId = where.guildId ?? GUILD_ID;
  return {
    ...common,
    context: 0,
    guild_id: guildId,
    guild_locale: 'en-US',
    authorizing_integration_owners: { '0': guildId },
    channel: { id: channelId, type: 0, guild_id: guildId, name: 'study' },
    channel_id: channelId,
    member: {
      user: user(userId),
      roles: [],
      permissions: where.permissions ?? '0',
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
    },
  };
}

function optionList(values: Record<string, string | number>, focused?: string): Json[] {
  return Object.entries(values).map(([name, value]) => ({
    name,
    type: typeof value === 'number' ? 4 : 3,
    value,
    ...(name === focused ? { focused: true } : {}),
  }));
}

/** A slash command; with `subcommand`, the values are that subcommand's options. */
export function slash(
  applicationId: string,
  name: string,
  values: Record<string, string | number> = {},
  where: Where = {},
  subcommand?: string,
): Json {
  const options = subcommand
    ? [{ name: subcommand, type: 1, options: optionList(values) }]
    : optionList(values);
  return {
    ...base(applicationId, where),
    type: 2,
    data: { id: snowflake(), name, type: 1, options },
  };
}

/** An autocomplete request while typing `focused` (its value is the partial text). */
export function autocomplete(
  applicationId: string,
  name: string,
  values: Record<string, string>,
  focused: string,
  where: Where = {},
): Json {
  return {
    ...base(applicationId, where),
    type: 4,
    data: { id: snowflake(), name, type: 1, options: optionList(values, focused) },
  };
}

/** A press of the button with this custom_id, on a message of the bot. */
export function press(applicationId: string, customId: string, message: Json, where: Where = {}): Json {
  return {
    ...base(applicationId, where),
    type: 3,
    message,
    data: { custom_id: customId, component_type: 2 },
  };
}
