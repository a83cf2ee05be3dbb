/**
 * Test harness: the real adapter (real grammY bot) against the fake Bot API, plus builders for the
 * updates Telegram would send (commands with their bot_command entity, presses, inline queries).
 */
import { Writable } from 'node:stream';
import type { Chat, User } from 'grammy/types';
import { startTelegram, type TelegramOptions } from '../../src/adapters/telegram/index.ts';
import { createRouter } from '../../src/app/services.ts';
import { createLogger } from '../../src/kernel/log.ts';
import type { Router } from '../../src/kernel/router.ts';
import { type ApiCall, FakeTelegram, type FakeTelegramOptions, type UpdateInput } from '../fakes/telegram.ts';

/** Test-only knowledge and commands. */
export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

/** A person with a Chinese client. */
export const ADA: User = {
  id: 1001,
  is_bot: false,
  first_name: 'Ada',
  username: 'ada',
  language_code: 'zh-hans',
};
/** A second person, with an English client. */
export const BOB: User = { id: 1002, is_bot: false, first_name: 'Bob', language_code: 'en' };
/** The private chat of a person with the bot. */
export const privateChat = (user: User): Chat.PrivateChat => ({
  id: user.id,
  type: 'private',
  first_name: user.first_name,
});
/** A supergroup. */
export const GROUP: Chat.SupergroupChat = { id: -1001234, type: 'supergroup', title: 'study group' };
/** A legacy group (becomes a supergroup in the migration tests). */
export const OLD_GROUP: Chat.GroupChat = { id: -4242, type: 'group', title: 'old group' };
/** A channel where the bot is an admin. */
export const CHANNEL: Chat.ChannelChat = { id: -1009999, type: 'channel', title: 'dlkb daily' };

let messageId = 1000;

/** A text message; a leading `/command` gets its bot_command entity like Telegram sends it. */
export function textMessage(text: string, chat: Chat, from: User = ADA): UpdateInput {
  const command = /^\/\S+/.exec(text)?.[0];
  const message = {
    message_id: ++messageId,
    date: Math.floor(Date.now() / 1000),
    chat,
    from,
    text,
    ...(command ? { entities: [{ type: 'bot_command' as const, offset: 0, length: command.length }] } : {}),
  };
  return { message } as UpdateInput;
}

/** A command posted in a channel (no `from`, the channel is the sender). */
export function channelPost(text: string, chat: Chat.ChannelChat = CHANNEL): UpdateInput {
  const command = /^\/\S+/.exec(text)?.[0];
  return {
    channel_post: {
      message_id: ++messageId,
      date: Math.floor(Date.now() / 1000),
      chat,
      sender_chat: chat,
      text,
      ...(command ? { entities: [{ type: 'bot_command' as const, offset: 0, length: command.length }] } : {}),
    },
  } as UpdateInput;
}

/** A press of a button on a message the bot sent (its recorded sendMessage result), or an inline message. */
export function press(
  data: string,
  on: { message?: unknown; inlineMessageId?: string },
  from: User = ADA,
): UpdateInput {
  return {
    callback_query: {
      id: `cq${++messageId}`,
      from,
      chat_instance: 'ci',
      data,
      ...(on.message ? { message: on.message } : {}),
      ...(on.inlineMessageId ? { inline_message_id: on.inlineMessageId } : {}),
    },
  } as UpdateInput;
}

/** A `chat_member` update: a person's status in a chat changed (Telegram sends it where the bot is admin). */
export function memberUpdate(
  chat: Chat,
  user: User,
  status: 'member' | 'administrator' | 'creator',
): UpdateInput {
  return {
    chat_member: {
      chat,
      from: user,
      date: Math.floor(Date.now() / 1000),
      old_chat_member: { status: 'member', user },
      new_chat_member: { status, user },
    },
  } as UpdateInput;
}

/** An inline query `@bot <query>`. */
export function inlineQuery(query: string, from: User = ADA): UpdateInput {
  return { inline_query: { id: `iq${++messageId}`, from, query, offset: '' } } as UpdateInput;
}

/** The callback data of every button of a sent message. */
export function callbackData(call: ApiCall): string[] {
  const markup = call.payload.reply_markup as
    | { inline_keyboard?: { callback_data?: string }[][] }
    | undefined;
  return (markup?.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data ? [b.callback_data] : []));
}

/** A running adapter, its fake and captured logs. */
export interface Harness {
  fake: FakeTelegram;
  router: Router;
  adapter: Awaited<ReturnType<typeof startTelegram>>;
  logs: string[];
  /** Pushes an update and resolves to the first call of `method` it causes. */
  ask(update: UpdateInput, method?: string): Promise<ApiCall>;
  /** Pushes an update and resolves to the calls of `method` once `count` of them arrived. */
  askMany(update: UpdateInput, method: string, count: number): Promise<ApiCall[]>;
  stop(): Promise<void>;
}

/** Starts the fake and the adapter over a router (the real commands by default). */
export async function startHarness(
  options: {
    commandsDir?: string;
    knowledgeDir?: string;
    fake?: FakeTelegramOptions;
    adapter?: Partial<TelegramOptions>;
  } = {},
): Promise<Harness> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level: 'debug', destination, pretty: false });
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const router = await createRouter({
    commandsDir: options.commandsDir,
    knowledgeDir: options.knowledgeDir,
    log,
    random,
  });
  const fake = await FakeTelegram.start(options.fake);
  const adapter = await startTelegram({
    router,
    token: fake.token,
    apiRoot: fake.apiRoot,
    botInfo: fake.botInfo,
    log,
    ...options.adapter,
  });
  const askMany = async (update: UpdateInput, method: string, count: number) => {
    const since = fake.calls.length;
    fake.pushUpdate(update);
    const found: ApiCall[] = [];
    while (found.length < count) {
      const start = since + (found.length > 0 ? fake.calls.indexOf(found.at(-1) as ApiCall) - since + 1 : 0);
      found.push(await fake.waitFor(method, { since: start }));
    }
    return found;
  };
  return {
    fake,
    router,
    adapter,
    logs,
    ask: async (update, method = 'sendMessage') => (await askMany(update, method, 1))[0] as ApiCall,
    askMany,
    stop: async () => {
      await adapter.stop();
      await fake.close();
    },
  };
}
