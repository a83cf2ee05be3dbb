/**
 * Messages: every command of `commands/` (also `/cmd@botname` in groups and commands posted in a
 * channel), `/start` with a deep-link payload, a reply to a text request's prompt (see `ask.ts`), plain
 * text in a private chat as a search, and the service
 * updates that matter (a group became a supergroup; the bot was removed from a chat; someone's member
 * status changed, which drops its cached copy).
 */
import type { Bot, Context } from 'grammy';
import { entryCard } from '../../features/knowledge/views.ts';
import { translator } from '../../kernel/i18n.ts';
import type { Reply } from '../../kernel/reply.ts';
import type { Origin } from '../../kernel/router.ts';
import { answeredAsk } from './ask.ts';
import { isSignedFor, parseStartPayload } from './deeplink.ts';
import { chatKind, originOf } from './origin.ts';
import { type Deps, migrateChat, render, sendRendered } from './send.ts';

/**
 * What a group sees of a reply meant for one person that can be reopened (`/review`): only a button that
 * opens it in their private chat with the bot.
 */
function shownInChat(origin: Origin, reply: Reply): Reply {
  if (origin.chat.kind === 'private' || !reply.private || !reply.reopen) return reply;
  const t = translator(origin.locale);
  return {
    body: t('telegram.openPrivately'),
    buttons: [[{ label: t('telegram.openPrivatelyButton'), action: reply.reopen, private: true }]],
  };
}

/** Sends a reply to the chat of a message; in a group it answers the message itself. */
export async function answerMessage(ctx: Context, deps: Deps, origin: Origin, reply: Reply): Promise<void> {
  const chat = ctx.chat;
  if (!chat) return;
  const rendered = render(deps, shownInChat(origin, reply), origin.locale, origin.chat.kind);
  const replyTo = origin.chat.kind === 'group' ? ctx.msg?.message_id : undefined;
  await sendRendered(ctx.api, deps, chat.id, rendered, { replyTo });
}

function needsAdmin(deps: Deps, name: string): boolean {
  const command = deps.router.find(name.toLowerCase());
  return command?.access === 'admin' || command?.checksAdmin === true;
}

async function runLine(ctx: Context, deps: Deps, name: string, line: string): Promise<void> {
  const adminCheck = needsAdmin(deps, name) ? deps.members : undefined;
  const origin = await originOf(ctx, { log: deps.log, adminCheck });
  const reply = await deps.router.invokeText(line, origin);
  if (reply) await answerMessage(ctx, deps, origin, reply);
}

/**
 * What a `/start` payload opens: an entry's card, a pressed action, or the help. An action that changes
 * something is pressed only from a link the bot signed for this person (anyone can write a link).
 */
async function startReply(deps: Deps, origin: Origin, payload: string): Promise<Reply> {
  const parsed = payload ? parseStartPayload(payload) : null;
  if (parsed && 'action' in parsed) {
    const trusted =
      deps.router.isReadOnlyAction(parsed.action) ||
      isSignedFor(parsed, { key: deps.linkKey, user: origin.user.id });
    if (trusted) return deps.router.press(parsed.action, origin);
    deps.log.warn({ user: origin.user.id, action: parsed.action }, 'telegram start link refused: not signed');
    return { body: deps.router.context(origin).t('telegram.unsignedLink'), private: true };
  }
  if (parsed && 'entryId' in parsed) {
    const ctx = deps.router.context(origin);
    const entry = deps.router.services.kb.get(parsed.entryId);
    if (!entry) return { body: ctx.t('common.unknownEntry', { id: parsed.entryId }), private: true };
    return entryCard(ctx, entry);
  }
  return (
    (await deps.router.invokeText('/help', origin)) ?? { body: deps.router.context(origin).t('help.intro') }
  );
}

const COMMAND_LINE_RE = /^\/([A-Za-z][\w-]*)(?:@(\w+))?(?:\s+([\s\S]*))?$/u;

/** Registers the message handlers. */
export function registerMessageHandlers(bot: Bot, deps: Deps): void {
  bot.command('start', async (ctx) => {
    const origin = await originOf(ctx, { log: deps.log });
    await answerMessage(ctx, deps, origin, await startReply(deps, origin, ctx.match.trim()));
  });

  for (const command of deps.router.commands) {
    if (command.name === 'start') continue;
    bot.command(command.name, (ctx) =>
      runLine(ctx, deps, command.name, `/${command.name} ${ctx.match}`.trimEnd()),
    );
  }

  // Anything the command handlers did not take: an unknown or differently cased command addressed to
  // this bot, or, in a private chat, plain text as a search.
  bot.on('message:text', async (ctx) => {
    if (ctx.msg.via_bot?.id === ctx.me.id) return;
    const text = ctx.msg.text.trim();
    const isPrivate = chatKind(ctx.chat.type) === 'private';
    const prompt = ctx.msg.reply_to_message;
    const asked =
      isPrivate && prompt?.from?.id === ctx.me.id && prompt.text ? answeredAsk(prompt.text, text) : null;
    if (asked) {
      const origin = await originOf(ctx, { log: deps.log });
      await answerMessage(ctx, deps, origin, await deps.router.invoke(asked, origin));
      return;
    }
    const m = COMMAND_LINE_RE.exec(text);
    if (m?.[1]) {
      const addressed = m[2]?.toLowerCase() === ctx.me.username.toLowerCase();
      if (m[2] ? !addressed : !isPrivate) return;
      await runLine(ctx, deps, m[1], `/${m[1]} ${m[3] ?? ''}`.trimEnd());
    } else if (isPrivate && !text.startsWith('/')) {
      await runLine(ctx, deps, 'search', `/search ${text}`);
    }
  });

  bot.on('message:migrate_to_chat_id', async (ctx) => {
    await migrateChat(deps, ctx.chat.id, ctx.msg.migrate_to_chat_id);
  });

  // A member's status changed: the cached one (admin checks, the bot's posting rights) is stale.
  bot.on('chat_member', (ctx) => {
    deps.members.forget(ctx.chat.id, ctx.chatMember.new_chat_member.user.id);
  });

  bot.on('my_chat_member', (ctx) => {
    deps.members.forget(ctx.chat.id, ctx.me.id);
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === 'kicked' || status === 'left') {
      deps.log.warn(
        { chat: String(ctx.chat.id), status, delivery: 'gone' },
        'telegram bot was removed from a chat or blocked',
      );
    }
  });
}
