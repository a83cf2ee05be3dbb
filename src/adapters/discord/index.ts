/**
 * The Discord adapter: a discord.js gateway client (intent Guilds only, small caches) that serves every
 * command of `commands/` as slash commands, autocomplete and buttons, and posts to channels for the
 * daily question. Slash commands are registered separately (`dlkb deploy-commands`), never on start.
 */

import { once } from 'node:events';
import {
  type APIChannel,
  type APIMessage,
  Client,
  Events,
  GatewayIntentBits,
  Options,
  type RateLimitData,
  REST,
  Routes,
  Status,
} from 'discord.js';
import { type Locale, translator } from '../../kernel/i18n.ts';
import { addSecret, type Logger, redact } from '../../kernel/log.ts';
import { DeliveryError, personOf, type RunningAdapter } from '../../kernel/outbox.ts';
import { RateLimiter } from '../../kernel/rate-limit.ts';
import type { Reply } from '../../kernel/reply.ts';
import type { Router } from '../../kernel/router.ts';
import { accentColours } from './colours.ts';
import { logFields, toDeliveryError } from './errors.ts';
import { guardInteractions } from './gateway-guard.ts';
import { InteractionHandler } from './interactions.ts';
import { DISCORD_SEND_LIMITS } from './limits.ts';
import { archiveDuration, postBody } from './post-body.ts';
import { EditPacer } from './refresh.ts';
import { renderReply } from './render.ts';
import { memberRoles } from './roles.ts';
import { type ShardPlan, shardOptions, shardProblem, shardReport } from './shards.ts';

/** What the Discord adapter needs: the router, the bot token, where the REST API is, and a logger. */
export interface DiscordOptions {
  router: Router;
  token: string;
  /** REST base, e.g. a proxy (discord.js `rest.api`); default https://discord.com/api. */
  apiUrl?: string;
  /** The gateway shards this process runs (`DISCORD_SHARDS`); absent: one connection, shard [0, 1]. */
  shards?: ShardPlan;
  log: Logger;
}

/** Timings, for tests; the defaults suit Discord. */
export interface DiscordTuning {
  /**
   * Defer a reply not ready after this long. Discord wants the first answer within 3 s of the event; 1 s
   * leaves 2 s for the gateway's delivery and the callback's trip (a deferral costs one more request).
   */
  deferAfterMs: number;
  /** `stop()` waits this long at most for interactions in flight. */
  stopTimeoutMs: number;
  /** `startDiscord` gives up when the gateway is not ready after this long. */
  readyTimeoutMs: number;
  /** Autocomplete requests per person: a burst of `capacity`, then `refillPerSecond` (every keystroke is one). */
  autocomplete: { capacity: number; refillPerSecond: number };
  /** A public message (a question's count of answers) is edited at most once per this many ms. */
  redrawEveryMs: number;
}

const DEFAULT_TUNING: DiscordTuning = {
  deferAfterMs: 1_000,
  stopTimeoutMs: 10_000,
  readyTimeoutMs: 60_000,
  autocomplete: { capacity: 10, refillPerSecond: 5 },
  // Discord allows about 5 edits per 5 s in a channel: one every 3 s per message leaves room.
  redrawEveryMs: 3_000,
};

/** The discord.js client options: intents Guilds only, mentions off, caches kept small, the shards to run. */
export function clientOptions(apiUrl: string | undefined, shards?: ShardPlan) {
  return {
    ...shardOptions(shards),
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    partials: [],
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      DMMessageManager: 0,
      GuildMessageManager: 0,
      ApplicationCommandManager: 0,
      ApplicationEmojiManager: 0,
      AutoModerationRuleManager: 0,
      BaseGuildEmojiManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildBanManager: 0,
      GuildInviteManager: 0,
      GuildScheduledEventManager: 0,
      EntitlementManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      StageInstanceManager: 0,
      ThreadManager: 0,
      ThreadMemberManager: 0,
      VoiceStateManager: 0,
      GuildMemberManager: { maxSize: 1, keepOverLimit: (m) => m.id === m.client.user.id },
      UserManager: { maxSize: 100, keepOverLimit: (u) => u.id === u.client.user.id },
    }),
    rest: {
      ...(apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {}),
      // Channel posts (the daily question) report a rate limit instead of waiting, so the caller decides.
      rejectOnRateLimit: (data: RateLimitData) => data.route.startsWith('/channels/'),
    },
  } satisfies ConstructorParameters<typeof Client>[0];
}

async function loginAndWait(client: Client, token: string, timeoutMs: number): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const ready = once(client, Events.ClientReady, { signal: controller.signal });
  ready.catch(() => {});
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    const why = controller.signal.aborted
      ? `not ready within ${Math.round(timeoutMs / 1000)} s`
      : redact(error instanceof Error ? error.message : String(error));
    throw new Error(`discord: login failed: ${why}`, { cause: error });
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** Logs in (gateway, intents Guilds only, small caches) and resolves once ready. */
export async function startDiscord(
  options: DiscordOptions,
  tuning: Partial<DiscordTuning> = {},
): Promise<RunningAdapter & { client: Client }> {
  const { router, log, token } = options;
  const timing = { ...DEFAULT_TUNING, ...tuning };
  addSecret(token);
  const kb = router.services.kb;
  const colour = accentColours(kb.categories.map((c) => c.id));
  const isEntry = (id: string) => kb.get(id) !== undefined;
  const render = (reply: Reply, locale: Locale) =>
    renderReply(reply, { t: translator(locale), colour, isEntry });
  const client = new Client(clientOptions(options.apiUrl, options.shards));
  // Channel posts go through their own REST client that never resends: a reset or a timeout after a
  // post was sent may have posted it (@discordjs/rest retries those 3 times by default), and the daily
  // question retries only what provably was not delivered. Interaction answers keep the retries: Discord
  // refuses a second answer to one interaction, so resending one cannot post twice.
  // A rate-limited redraw is refused (and logged) rather than queued: the next one shows the count.
  const posts = new REST({ ...clientOptions(options.apiUrl).rest, retries: 0 }).setToken(token);
  const editBody = (reply: Reply, locale: Locale) => {
    const { embeds, components, allowedMentions } = render(reply, locale);
    return { embeds, components, allowed_mentions: allowedMentions };
  };
  const redraws = new EditPacer({ intervalMs: timing.redrawEveryMs, log });
  const handler = new InteractionHandler({
    router,
    log,
    render,
    deferAfterMs: timing.deferAfterMs,
    autocompleteLimiter: new RateLimiter(timing.autocomplete),
    redraw: (message, reply, locale) => {
      const edit = () =>
        posts.patch(Routes.channelMessage(message.channelId, message.id), { body: editBody(reply, locale) });
      // A failed final redraw is logged by the pacer; the press answered already.
      if (reply.final) redraws.final(message.id, edit).catch(() => {});
      else redraws.schedule(message.id, edit);
    },
  });
  guardInteractions(client, log);
  client.on(Events.InteractionCreate, handler.listener);
  client.on(Events.Error, (error) => log.error(logFields(error), 'discord client error'));
  client.on(Events.Warn, (warning) => log.warn({ warning: redact(warning) }, 'discord warning'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.warn({ code: event.code, shard }, 'discord gateway disconnected'),
  );
  client.on(Events.ShardResume, (shard) => log.info({ shard }, 'discord gateway resumed'));
  for (const rest of [client.rest, posts])
    rest.on('rateLimited', (info) =>
      log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'discord rate limit'),
    );
  try {
    await loginAndWait(client, token, timing.readyTimeoutMs);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  const { shards, count } = shardReport(client);
  log.info(
    { user: client.user?.tag, application: client.application?.id, shards, shardCount: count },
    'discord ready',
  );

  let stopped: Promise<void> | undefined;
  return {
    platform: 'discord',
    sendLimits: DISCORD_SEND_LIMITS,
    client,
    ...memberRoles(client),
    async send(target, reply, sendOptions = {}) {
      const body = postBody(render(reply, sendOptions.locale ?? 'zh-CN'), sendOptions);
      try {
        // `user:<id>` is a person's DM (a reminder): its channel is opened (or found in the cache) first.
        const dm = personOf(target);
        const chatId = dm && /^\d{1,20}$/.test(dm) ? (await client.users.createDM(dm)).id : target;
        if (!/^\d{1,20}$/.test(chatId))
          throw new DeliveryError(`discord: bad channel id "${target}"`, 'gone');
        const sent = (await posts.post(Routes.channelMessages(chatId), { body })) as APIMessage;
        return sent.id;
      } catch (error) {
        throw error instanceof DeliveryError ? error : toDeliveryError(error);
      }
    },
    async startThread(chatId, messageId, { name, autoArchiveMinutes }) {
      if (!/^\d{1,20}$/.test(chatId) || !/^\d{1,20}$/.test(messageId))
        throw new DeliveryError(`discord: bad message "${chatId}/${messageId}"`, 'gone');
      const body = { name, auto_archive_duration: archiveDuration(autoArchiveMinutes) };
      try {
        const thread = (await posts.post(Routes.threads(chatId, messageId), { body })) as APIChannel & {
          guild_id?: string;
        };
        return {
          id: thread.id,
          url: `https://discord.com/channels/${thread.guild_id ?? '@me'}/${thread.id}`,
        };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async edit(chatId, messageId, reply, editOptions = {}) {
      if (!/^\d{1,20}$/.test(chatId) || !/^\d{1,20}$/.test(messageId))
        throw new DeliveryError(`discord: bad message "${chatId}/${messageId}"`, 'gone');
      const body = editBody(reply, editOptions.locale ?? 'zh-CN');
      const edit = () => posts.patch(Routes.channelMessage(chatId, messageId), { body });
      try {
        if (reply.final) await redraws.final(messageId, edit);
        else await edit();
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    healthy() {
      return client.isReady() && client.ws.shards.every((s) => s.status === Status.Ready);
    },
    problem: () => shardProblem(client),
    serves: () => ({ ...shardReport(client) }),
    stop() {
      stopped ??= (async () => {
        handler.stopAccepting();
        const left = await handler.drain(timing.stopTimeoutMs);
        if (left > 0) log.warn({ left }, 'discord stopping with interactions still in flight');
        await redraws.flush();
        client.off(Events.InteractionCreate, handler.listener);
        posts.clearHashSweeper();
        posts.clearHandlerSweeper();
        await client.destroy();
        log.info('discord stopped');
      })();
      return stopped;
    },
  };
}
