/**
 * /daily: one interview question a day in this chat, at its hour, with the answer revealed later.
 * Admins only (the router checks `access` on every call): subscribe, unsubscribe, status, now.
 * A Telegram channel is managed from a private chat with the bot by naming it: `/daily status @channel`.
 */

import type { Outcome } from '../src/features/daily/deliver.ts';
import { dailyAnswer } from '../src/features/daily/messages.ts';
import type { DailyScheduler } from '../src/features/daily/scheduler.ts';
import { MAX_REVEAL_HOURS, parseSettings, THREAD_ARCHIVE_MINUTES } from '../src/features/daily/settings.ts';
import { nextLine, settingsLines, statusReply } from '../src/features/daily/status.ts';
import { PICK_MODES, POST_FORMATS, type Subscription } from '../src/features/daily/store.ts';
import { resolveTarget, type Target } from '../src/features/daily/target.ts';
import { formatLocal } from '../src/features/daily/time.ts';
import { buttonsOf } from '../src/kernel/button.ts';
import { defineCommand, defineSubcommand } from '../src/kernel/command.ts';
import type { CommandContext } from '../src/kernel/context.ts';
import { UserError } from '../src/kernel/errors.ts';
import { inlineCode } from '../src/kernel/markdown.ts';
import type { Reply } from '../src/kernel/reply.ts';

const chat = {
  type: 'string',
  maxLength: 80,
  description: {
    'zh-CN': '另一个聊天（Telegram 频道，在私聊里指定），例如 @mychannel',
    en: 'Another chat (a Telegram channel, named from a private chat), e.g. @mychannel',
  },
} as const;

function scheduler(ctx: CommandContext): DailyScheduler {
  const daily = ctx.services.daily;
  if (!daily) throw new UserError('daily.notEnabled');
  return daily;
}

async function subscriptionOf(ctx: CommandContext, target: Target): Promise<Subscription> {
  const sub = await ctx.services.store.daily.getSubscription(target.chatKey);
  if (!sub) throw new UserError('daily.notSubscribed', { target: target.label });
  return sub;
}

function requirePosting(target: Target): void {
  if (!target.botCanPost) throw new UserError('daily.botCannotPost', { chat: target.label });
}

function nowMessage(ctx: CommandContext, outcome: Outcome, sub: Subscription, target: Target): string {
  switch (outcome.status) {
    case 'sent': {
      const sent = ctx.t('daily.nowSent', { id: inlineCode(outcome.entryId) });
      if (outcome.revealAt === null) return sent;
      const time = formatLocal(outcome.revealAt, sub.timezone);
      return `${sent} ${ctx.t('daily.nowRevealAt', { time })}`;
    }
    case 'retry':
      return ctx.t('daily.nowRetry');
    case 'failed':
      if (outcome.failure === 'ambiguous') return ctx.t('daily.nowUnknown');
      return ctx.t(outcome.failure === 'gone' ? 'daily.nowGone' : 'daily.nowFailed');
    case 'skipped':
      switch (outcome.reason) {
        case 'not-subscribed':
          return ctx.t('daily.notSubscribed', { target: target.label });
        case 'disabled':
          return ctx.t('daily.nowDisabled', { target: target.label });
        case 'no-outbox':
          return ctx.t('daily.nowNoOutbox', { platform: sub.platform });
        case 'no-entries':
          return ctx.t('daily.nowNoEntries');
        case 'stopped':
          return ctx.t('daily.nowStopped');
        default:
          return ctx.t('daily.nowFailed');
      }
  }
}

const subscribe = defineSubcommand({
  description: {
    'zh-CN': '订阅或修改每日一题：时间、时区、分类、几小时后公布答案、问答卡或选择题',
    en: 'Subscribe or change settings: time, time zone, category, hours until the answer, format',
  },
  options: {
    time: {
      type: 'string',
      maxLength: 16,
      description: { 'zh-CN': '发题时间 HH:MM，默认 09:00', en: 'Post time HH:MM, default 09:00' },
    },
    timezone: {
      type: 'string',
      maxLength: 64,
      description: {
        'zh-CN': 'IANA 时区，例如 Asia/Shanghai（默认由机器人设置）',
        en: 'IANA time zone, e.g. Europe/Berlin (default set by the bot)',
      },
    },
    category: {
      type: 'choice',
      choices: 'category',
      description: { 'zh-CN': '只出这个分类的题（默认全部）', en: 'Only this category (default: all)' },
    },
    reveal_after: {
      type: 'string',
      maxLength: 16,
      description: {
        'zh-CN': `几小时后公布答案，0 到 ${MAX_REVEAL_HOURS}，0 表示不公布（默认 8）`,
        en: `Hours until the answer is posted, 0 to ${MAX_REVEAL_HOURS}, 0 for none (default 8)`,
      },
    },
    chat,
    thread: {
      type: 'choice',
      choices: ['on', 'off'],
      description: {
        'zh-CN': '每道题开一个公开讨论串（Discord，默认 on）',
        en: 'A public discussion thread per question (Discord, default on)',
      },
    },
    thread_archive: {
      type: 'choice',
      choices: THREAD_ARCHIVE_MINUTES,
      description: {
        'zh-CN': '讨论串多少分钟无新消息后归档（默认 1440，即 1 天）',
        en: 'Minutes without messages before a thread is archived (default 1440, one day)',
      },
    },
    role: {
      type: 'string',
      maxLength: 40,
      description: {
        'zh-CN': '每道题提醒这个身份组（Discord，写 @身份组；默认不提醒）',
        en: 'Mention this role in each post (Discord, type @Role; default: no mention)',
      },
    },
    format: {
      type: 'choice',
      choices: POST_FORMATS,
      description: {
        'zh-CN': '每道题发什么：flashcard 问答卡（默认）、choice 选择题（Telegram 测验投票）、both 两者',
        en: 'What each post is: flashcard (default), choice (a quiz poll / A–D buttons), or both',
      },
    },
    pick: {
      type: 'choice',
      choices: PICK_MODES,
      description: {
        'zh-CN': '怎么选下一题：rotation 轮换（默认）、adaptive 按本群答题情况（答错的早回来，答对的晚回来）',
        en: 'How the next question is chosen: rotation (default) or adaptive (missed ones return sooner)',
      },
    },
    digest: {
      type: 'string',
      maxLength: 24,
      description: {
        'zh-CN': '每周总结：星期几和时间，例如 周日-20:00 或 sun-20:00；off 关闭（默认关闭）',
        en: 'Weekly digest: a weekday and time, e.g. sun-20:00; off to turn it off (default off)',
      },
    },
  },
  async run(ctx, args): Promise<Reply> {
    const daily = scheduler(ctx);
    const parsed = parseSettings(args, {
      kb: ctx.services.kb,
      defaultTimezone: daily.defaultTimezone,
      references: daily.directory(ctx.platform),
    });
    if ('problem' in parsed) throw new UserError(parsed.problem.key, parsed.problem.vars);
    const s = parsed.settings;
    const target = await resolveTarget(ctx, s.chat, { posting: true });
    requirePosting(target);
    if (s.roleId && target.platform !== 'discord') throw new UserError('daily.roleDiscordOnly');
    const { store } = ctx.services;
    const now = ctx.services.now().getTime();
    const previous = await store.daily.getSubscription(target.chatKey);
    // Unchanged time and zone keep today's slot; a change takes effect from the next slot after now.
    const keepSlot =
      previous !== undefined &&
      previous.disabledAt === null &&
      previous.time === s.time &&
      previous.timezone === s.timezone;
    const sub: Subscription = {
      chatKey: target.chatKey,
      platform: target.platform,
      chatId: target.chatId,
      time: s.time,
      timezone: s.timezone,
      category: s.category,
      revealAfterHours: s.revealAfterHours,
      locale: ctx.locale,
      activeFrom: keepSlot ? previous.activeFrom : now,
      goneDays: 0,
      lastGoneDate: null,
      disabledAt: null,
      thread: s.thread,
      threadArchiveMinutes: s.threadArchiveMinutes,
      roleId: s.roleId,
      format: s.format,
      pick: s.pick,
      digest: s.digest,
    };
    await store.daily.putSubscription(sub);
    return {
      title: ctx.t(previous ? 'daily.updatedTitle' : 'daily.subscribedTitle'),
      body: [...(await settingsLines(ctx, sub)), await nextLine(ctx, sub, now)].join('\n'),
      footer: ctx.t('daily.subscribedFooter'),
    };
  },
});

export default defineCommand({
  name: 'daily',
  description: {
    'zh-CN': '每日一题：每天定时在本聊天发一道题，稍后公布答案（管理员）',
    en: 'Daily question: one question a day in this chat, answer revealed later (admins)',
  },
  access: 'admin',
  subcommands: {
    subscribe,
    unsubscribe: defineSubcommand({
      description: { 'zh-CN': '取消每日一题', en: 'Stop the daily question' },
      options: { chat },
      async run(ctx, { chat: reference }) {
        scheduler(ctx);
        const target = await resolveTarget(ctx, reference);
        const removed = await ctx.services.store.daily.deleteSubscription(target.chatKey);
        return {
          body: ctx.t(removed ? 'daily.unsubscribed' : 'daily.notSubscribed', { target: target.label }),
        };
      },
    }),
    status: defineSubcommand({
      description: {
        'zh-CN': '查看设置、下一题时间、本轮剩余题数',
        en: 'Settings, next post time, questions left in the rotation',
      },
      options: { chat },
      async run(ctx, { chat: reference }) {
        const target = await resolveTarget(ctx, reference);
        return statusReply(ctx, await subscriptionOf(ctx, target), target.label);
      },
    }),
    now: defineSubcommand({
      description: { 'zh-CN': '立即发出下一题', en: 'Post the next question now' },
      replies: 'private',
      options: { chat },
      async run(ctx, { chat: reference }) {
        const daily = scheduler(ctx);
        const target = await resolveTarget(ctx, reference, { posting: true });
        requirePosting(target);
        const sub = await subscriptionOf(ctx, target);
        const outcome = await daily.postNow(target.chatKey);
        return { body: nowMessage(ctx, outcome, sub, target), private: true };
      },
    }),
  },
  ...buttonsOf('daily', dailyAnswer),
});
