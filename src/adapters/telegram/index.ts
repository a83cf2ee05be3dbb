/**
 * The Telegram adapter: a grammY bot that turns messages, button presses and inline queries into router
 * calls and renders the replies as HTML. Flood control by @grammyjs/auto-retry; long polling by
 * @grammyjs/runner (or a webhook); updates of one chat handled in order. The token is registered as a
 * secret so it never reaches a log line.
 */

import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { type Api, Bot, type BotError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { ChatDirectory } from '../../features/daily/directory.ts';
import { type Locale, pickLocale, translator } from '../../kernel/i18n.ts';
import { addSecret, type Logger, redact } from '../../kernel/log.ts';
import { type DeliveryFailure, personOf, type RunningAdapter } from '../../kernel/outbox.ts';
import type { RateLimiterOptions } from '../../kernel/rate-limit.ts';
import type { Reply } from '../../kernel/reply.ts';
import type { Router } from '../../kernel/router.ts';
import { registerCallbacks } from './callbacks.ts';
import { deepLinkKey } from './deeplink.ts';
import { telegramDirectory } from './directory.ts';
import { classify, safeError, toDeliveryError } from './errors.ts';
import { registerMessageHandlers } from './handlers.ts';
import { registerInline } from './inline.ts';
import { TELEGRAM_SEND_LIMITS } from './limits.ts';
import { MemberCache } from './members.ts';
import { onlyFirstDelivery } from './once.ts';
import { kindOfId } from './origin.ts';
import { registerPollAnswers } from './poll-answers.ts';
import { type Deps, render, sendRendered } from './send.ts';
import { InFlight, requestTimeoutSeconds, type Serving, startPolling, TIMING, type Timing } from './serve.ts';
import { startWebhook, type WebhookOptions } from './webhook.ts';

/** How to start the adapter. */
export interface TelegramOptions {
  router: Router;
  /** The bot token from BotFather. */
  token: string;
  /** A Bot API server other than https://api.telegram.org (no trailing slash). */
  apiRoot?: string;
  /** Receive updates on a webhook instead of long polling. */
  webhook?: WebhookOptions;
  log: Logger;
  /** Called once per update whose handling failed (after it was logged), with how it failed. */
  onUpdateError?: (reason: DeliveryFailure) => void;
  /** The bot's own user; when given, `getMe` is not called. */
  botInfo?: UserFromGetMe;
  /** The per-person limit of inline queries; `INLINE_RATE` by default. */
  inlineRate?: RateLimiterOptions;
  /** Long poll, request timeout and retry cap (tests shorten them). */
  timing?: Partial<Timing>;
}

/** How long `stop()` waits for updates in flight. */
const STOP_GRACE_MS = 10_000;

/**
 * The bot's error handler, where every failed update ends (polling or webhook, in time or late): logs
 * it with the update id and chat, never its text; counts it; answers with a short apology; keeps serving.
 */
function errorHandler(deps: Deps, onUpdateError: TelegramOptions['onUpdateError']) {
  return async (err: BotError): Promise<void> => {
    const { ctx, error } = err;
    const updateId = ctx.update.update_id;
    const chat = ctx.chat ? String(ctx.chat.id) : undefined;
    const reason = classify(error);
    try {
      onUpdateError?.(reason);
    } catch (observerError) {
      deps.log.warn({ error: safeError(observerError) }, 'telegram update error observer failed');
    }
    if (reason === 'gone') {
      deps.log.warn(
        { updateId, chat, delivery: 'gone', error: safeError(error) },
        'telegram chat is gone (bot blocked or removed)',
      );
      return;
    }
    deps.log.error({ updateId, chat, error: safeError(error) }, 'telegram update failed');
    const apology = translator(pickLocale(ctx.from?.language_code))('common.apology');
    try {
      if (ctx.callbackQuery) {
        const answered = await ctx
          .answerCallbackQuery({ text: apology, show_alert: true })
          .catch(() => false);
        if (answered) return;
      }
      if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
      // In a channel only a channel post (an admin's command) is answered: a press never posts there.
      else if (ctx.chat && (ctx.chat.type !== 'channel' || ctx.channelPost))
        await ctx.api.sendMessage(ctx.chat.id, apology);
    } catch (inner) {
      deps.log.warn({ updateId, chat, error: safeError(inner) }, 'telegram apology failed');
    }
  };
}

/** Publishes the command menu: English by default, Chinese for `zh` clients. */
async function publishCommands(api: Api, router: Router, log: Logger): Promise<void> {
  const valid = router.commands.filter((c) => /^[a-z0-9_]{1,32}$/.test(c.name));
  for (const c of router.commands)
    if (!valid.includes(c)) log.warn({ command: c.name }, 'telegram command names allow a-z, 0-9 and _ only');
  const list = (locale: Locale) =>
    valid.map((c) => ({
      command: c.name,
      description: [...(c.description[locale] || c.name)].slice(0, 256).join(''),
    }));
  try {
    await api.setMyCommands(list('en'));
    await api.setMyCommands(list('zh-CN'), { language_code: 'zh' });
  } catch (error) {
    log.warn({ error: safeError(error) }, 'telegram setMyCommands failed; the command menu may be stale');
  }
}

/**
 * Where a reply goes by its chat id; for a quiz poll in a chat with a negative id (a group or a channel
 * alike), asks Telegram which one: a channel's poll must be anonymous (and is not scored).
 */
async function placeOf(api: Api, chatId: string, reply: Reply): Promise<'private' | 'group' | 'channel'> {
  const kind = kindOfId(chatId);
  if (!reply.choice || kind !== 'group') return kind;
  try {
    return (await api.getChat(chatId)).type === 'channel' ? 'channel' : 'group';
  } catch {
    return kind;
  }
}

/** Sends a reply to a chat on the daily question's behalf; failures become DeliveryErrors. */
async function send(
  api: Api,
  deps: Deps,
  chatId: string,
  reply: Reply,
  options: { replyTo?: string; locale?: Locale } = {},
): Promise<string> {
  const rendered = render(deps, reply, options.locale ?? 'zh-CN', await placeOf(api, chatId, reply));
  const replyTo = options.replyTo && /^\d+$/.test(options.replyTo) ? Number(options.replyTo) : undefined;
  try {
    const sent = await sendRendered(api, deps, chatId, rendered, { replyTo });
    return String(sent[0]?.message_id ?? '');
  } catch (error) {
    const failure = toDeliveryError(error);
    deps.log.warn({ chat: chatId, delivery: failure.kind, error: safeError(error) }, 'telegram send failed');
    throw failure;
  }
}

/** Starts polling (or the webhook) and resolves once the bot is serving. */
export async function startTelegram(
  options: TelegramOptions,
): Promise<RunningAdapter & ChatDirectory & { bot: Bot }> {
  const { router, log } = options;
  addSecret(options.token);
  if (options.webhook) addSecret(options.webhook.secret);
  const timing: Timing = { ...TIMING, ...options.timing };
  const bot = new Bot(options.token, {
    botInfo: options.botInfo,
    client: {
      // grammY's default is 500 s: a hung answer would freeze polling, or a chat, that long.
      timeoutSeconds: requestTimeoutSeconds(timing),
      ...(options.apiRoot ? { apiRoot: options.apiRoot.replace(/\/+$/, '') } : {}),
    },
  });
  bot.api.config.use(
    autoRetry({
      maxRetryAttempts: 3,
      maxDelaySeconds: 60,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  );
  try {
    // One attempt (grammY's init would retry silently for ever): a failure ends the start with exit 1
    // and its reason, like Discord's, and the supervisor's restart is the next attempt.
    if (!options.botInfo) bot.botInfo = await bot.api.getMe();
  } catch (error) {
    throw new Error(redact(`telegram: could not start the bot: ${safeError(error).message}`));
  }
  const deps: Deps = {
    router,
    log,
    botUsername: bot.botInfo.username,
    linkKey: deepLinkKey(options.token),
    members: new MemberCache(),
  };
  // Webhook mode is the one replicas share: each update is handled by the first to claim it (or by the
  // replica taking over the claim of one that died handling it).
  if (options.webhook) bot.use(onlyFirstDelivery(router.services.firstDelivery, log));
  bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? 'none')));
  registerMessageHandlers(bot, deps);
  registerCallbacks(bot, deps);
  registerPollAnswers(bot, deps);
  registerInline(bot, deps, options.inlineRate);
  bot.catch(errorHandler(deps, options.onUpdateError));
  await publishCommands(bot.api, router, log);

  const inflight = new InFlight();
  const serving: Serving = options.webhook
    ? await startWebhook(bot, inflight, log, options.webhook)
    : await startPolling(bot, inflight, log, timing);
  log.info(
    { bot: deps.botUsername, mode: options.webhook ? 'webhook' : 'polling' },
    'telegram adapter serving',
  );
  let stopped = false;
  return {
    platform: 'telegram',
    sendLimits: TELEGRAM_SEND_LIMITS,
    bot,
    ...telegramDirectory(bot.api, bot.botInfo.id, deps.members),
    // A person's private chat with the bot has the person's id.
    send: (chatId, reply, sendOptions) => send(bot.api, deps, personOf(chatId) ?? chatId, reply, sendOptions),
    healthy: () => !stopped && serving.healthy(),
    problem: () => (stopped ? 'stopped' : serving.problem()),
    serves: () => ({ mode: options.webhook ? 'webhook' : 'polling' }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await serving.stop();
      if (!(await inflight.idle(STOP_GRACE_MS)))
        log.warn({ inFlight: inflight.size }, 'telegram stopped with updates still in flight');
      await serving.close();
    },
  };
}
