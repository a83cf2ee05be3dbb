/**
 * A fake Telegram Bot API on 127.0.0.1 for driving a real grammY bot in tests and benchmarks.
 *
 * ```ts
 * const fake = await FakeTelegram.start({ messagesPerSecond: 30 });   // options are all optional
 * const bot = new Bot(fake.token, { botInfo: fake.botInfo, client: { apiRoot: fake.apiRoot } });
 * const update = fake.pushUpdate({ message: … });                     // delivered to the next getUpdates
 * const call = await fake.waitFor('sendMessage', { since });          // a recorded request
 * fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
 * await fake.close();
 * ```
 *
 * - Requests are `POST /bot<token>/<method>` with a JSON body; answers are `{ok:true,result}` or
 *   `{ok:false,error_code,description,parameters}` with the error code as HTTP status. A wrong token gets 401.
 * - `getUpdates` really long-polls: held until an update arrives or `pollCapMs` (default 250 ms, and never
 *   more than the request's `timeout`) passes; a held poll is released when the client goes away.
 *   Updates below the request's `offset` count as confirmed and are dropped. Like Telegram, a getUpdates
 *   arriving while another is held ends the held one with 409 "Conflict: terminated by other getUpdates
 *   request" (a second process polling the same token: `conflicts` counts them).
 * - Every request is recorded in `calls` (method, JSON payload, time, outcome). A multipart/form-data
 *   request (an upload) is recorded with its fields as the payload and each `attach://` file resolved to
 *   `{ name, bytes }` (`sendDocument`'s `document`, see `uploads()`).
 * - `sendMessage`, `editMessageText` and inline results with `parse_mode: 'HTML'` are checked like
 *   Telegram does (tags, nesting, escaping, 4096 characters), answering 400 "can't parse entities".
 * - `failNext(method, failure, times, { delayMs })` makes the next call(s) of a method fail (after a delay);
 *   `dropNext(method)` destroys the connection instead (a network error, nothing done); `hangNext(method)`
 *   never answers; `cutNext(method)` sends the headers and half a body, then never finishes it;
 *   `dropAnswerNext(method)` does the call (a message is sent and recorded) and then destroys the
 *   connection before answering, like a connection reset after Telegram received the request;
 *   `passNext(method)` lets one call through before the faults queued after it.
 * - `addChat(chat)` makes `getChat` find a chat (by id or `@username`); `setMember` sets `getChatMember`.
 * - `sendPoll` posts a poll (ids `poll1`, `poll2`, …) and answers its message with the `poll` object;
 *   push `poll_answer` updates to vote in it. A non-anonymous poll in a channel added with `addChat` is
 *   refused (400), as Telegram does.
 * - `messagesPerSecond` limits `sendMessage` globally: beyond it the call gets 429 with
 *   `parameters.retry_after` (whole seconds, at least 1), like Telegram's flood control.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Chat, Update, UserFromGetMe } from 'grammy/types';
import { boundaryOf, parseMultipart } from './multipart.ts';
import { checkTelegramHtml } from './telegram-html.ts';

/** Options of the fake; all optional. */
export interface FakeTelegramOptions {
  token?: string;
  /** The bot's username (botInfo.username). Default `dlkb_test_bot`. */
  username?: string;
  /** Longest hold of an empty getUpdates, in ms. Default 250. */
  pollCapMs?: number;
  /** Global sendMessage limit; beyond it sendMessage answers 429 with retry_after. Default: no limit. */
  messagesPerSecond?: number;
}

/** A Bot API error answer. */
export interface FakeFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** One recorded request. `at` is `performance.now()` when the request body was read. */
export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  ok: boolean;
  result?: unknown;
  failure?: FakeFailure;
}

/** A file uploaded with a request (`sendDocument`'s `document`). */
export interface Upload {
  name: string;
  bytes: Buffer;
}

/**
 * The fields of a multipart request as a payload: JSON-looking values parsed (grammY sends objects as
 * JSON), `attach://<id>` replaced by the file part of that id.
 */
function multipartPayload(body: Buffer, boundary: string): Record<string, unknown> {
  const parts = parseMultipart(body, boundary);
  const files = new Map(parts.filter((p) => p.filename !== undefined).map((p) => [p.name, p]));
  const payload: Record<string, unknown> = {};
  for (const part of parts) {
    if (part.filename !== undefined) continue;
    const value = part.data.toString('utf8');
    const file = value.startsWith('attach://') ? files.get(value.slice('attach://'.length)) : undefined;
    if (file)
      payload[part.name] = { name: file.filename ?? '', bytes: Buffer.from(file.data) } satisfies Upload;
    else if (/^[[{]/.test(value)) payload[part.name] = JSON.parse(value);
    else payload[part.name] = value;
  }
  return payload;
}

/** An update to push; `update_id` is assigned by the fake. */
export type UpdateInput = Omit<Update, 'update_id'>;

type Member = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';
type Fault =
  | { kind: 'fail'; failure: FakeFailure; delayMs: number }
  | { kind: 'drop' }
  | { kind: 'hang' }
  | { kind: 'cut' }
  | { kind: 'drop-answer' }
  | { kind: 'pass' };

interface HeldPoll {
  res: ServerResponse;
  call: ApiCall;
  offset: number;
  limit: number;
  timer: NodeJS.Timeout;
}

/** The fake Bot API server. */
export class FakeTelegram {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  /** Every request, in arrival order. */
  readonly calls: ApiCall[] = [];
  #server: Server;
  #port = 0;
  #options: FakeTelegramOptions;
  #updates: Update[] = [];
  #nextUpdateId = 1;
  #delivered = new Map<number, number>();
  #held = new Set<HeldPoll>();
  #faults = new Map<string, Fault[]>();
  #members = new Map<string, Member>();
  #chats = new Map<number, Chat>();
  #messageIds = new Map<number, number>();
  #polls = 0;
  #conflicts = 0;
  #sentTimes: number[] = [];
  #listeners = new Set<(call: ApiCall) => void>();

  private constructor(options: FakeTelegramOptions) {
    this.#options = options;
    this.token = options.token ?? '123456:TEST-fake-token-AAAAAAAAAAAAAAAAAAAAAAAA';
    const id = Number(this.token.split(':')[0]) || 123456;
    this.botInfo = {
      id,
      is_bot: true,
      first_name: 'dlkb',
      username: options.username ?? 'dlkb_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: true,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  /** Starts a fake on a free port of 127.0.0.1. */
  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const fake = new FakeTelegram(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  /** The `apiRoot` to give grammY (`http://127.0.0.1:<port>`, no trailing slash). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Queues an update for the bot and wakes a held poll; returns it with its id. */
  pushUpdate(input: UpdateInput): Update {
    const update = { ...input, update_id: this.#nextUpdateId++ } as Update;
    for (const chat of [
      update.message?.chat,
      update.channel_post?.chat,
      update.callback_query?.message?.chat,
    ])
      if (chat) this.#chats.set(chat.id, chat);
    this.#updates.push(update);
    for (const poll of this.#held) this.#answerPoll(poll);
    return update;
  }

  /** getUpdates calls being held open right now. */
  get heldPolls(): number {
    return this.#held.size;
  }

  /** Held getUpdates calls ended with 409 because another one arrived (another poller). */
  get conflicts(): number {
    return this.#conflicts;
  }

  /** When an update was first written into a getUpdates answer (`performance.now()`). */
  deliveredAt(updateId: number): number | undefined {
    return this.#delivered.get(updateId);
  }

  /** Makes the next `times` calls of a method fail with this error, answered after `delayMs` (default 0). */
  failNext(method: string, failure: FakeFailure, times = 1, options: { delayMs?: number } = {}): void {
    for (let i = 0; i < times; i++)
      this.#fault(method, { kind: 'fail', failure, delayMs: options.delayMs ?? 0 });
  }

  /** Makes the next call of a method lose its connection (grammY sees a network error). */
  dropNext(method: string): void {
    this.#fault(method, { kind: 'drop' });
  }

  /** Makes the next `times` calls of a method hang: read, recorded, never answered. */
  hangNext(method: string, times = 1): void {
    for (let i = 0; i < times; i++) this.#fault(method, { kind: 'hang' });
  }

  /** Makes the next call of a method answer 200 with half a JSON body, then never finish it. */
  cutNext(method: string): void {
    this.#fault(method, { kind: 'cut' });
  }

  /** Forgets the faults still queued for a method. */
  clearFaults(method: string): void {
    this.#faults.delete(method);
  }

  #fault(method: string, fault: Fault): void {
    this.#faults.set(method, [...(this.#faults.get(method) ?? []), fault]);
  }

  /** Lets the next call of a method through before the faults queued after it (fail the second part). */
  passNext(method: string): void {
    this.#fault(method, { kind: 'pass' });
  }

  /** Makes the next call of a method succeed on the fake's side but lose its connection before the answer. */
  dropAnswerNext(method: string): void {
    this.#fault(method, { kind: 'drop-answer' });
  }

  /** Makes a chat known, so `getChat` finds it by id or by `@username` (channels, groups). */
  addChat(chat: Chat): void {
    this.#chats.set(chat.id, chat);
  }

  /** Sets what getChatMember answers for a user in a chat (default `member`). */
  setMember(chatId: number, userId: number, status: Member): void {
    this.#members.set(`${chatId}:${userId}`, status);
  }

  /** The documents sent to a chat, in order: file name and bytes as uploaded. */
  uploads(chatId: number): Upload[] {
    return this.callsOf('sendDocument')
      .filter((c) => c.ok && Number(c.payload.chat_id) === chatId)
      .map((c) => c.payload.document as Upload);
  }

  /** The recorded calls of one method. */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * The first call of a method at index ≥ `since` (default 0) that matches `where`, waiting for it.
   * @throws Error after `timeoutMs` (default 5000).
   */
  waitFor(
    method: string,
    options: { since?: number; where?: (call: ApiCall) => boolean; timeoutMs?: number } = {},
  ): Promise<ApiCall> {
    const matches = (c: ApiCall) => c.method === method && (options.where?.(c) ?? true);
    const found = this.calls.slice(options.since ?? 0).find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (call: ApiCall) => {
        if (!matches(call)) return;
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve(call);
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        reject(new Error(`no ${method} call within ${options.timeoutMs ?? 5000} ms`));
      }, options.timeoutMs ?? 5000);
      this.#listeners.add(listener);
    });
  }

  /** Releases held polls and closes the server and every connection. */
  async close(): Promise<void> {
    for (const poll of this.#held) {
      clearTimeout(poll.timer);
      if (!poll.res.writableEnded) poll.res.end(JSON.stringify({ ok: true, result: [] }));
    }
    this.#held.clear();
    this.#listeners.clear();
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m)
      return this.#send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token = '', method = ''] = m;
    let payload: Record<string, unknown> = {};
    const body = Buffer.concat(chunks);
    const boundary = boundaryOf(req.headers['content-type']);
    if (boundary) payload = multipartPayload(body, boundary);
    else if (body.length > 0 && (req.headers['content-type'] ?? '').includes('json'))
      payload = JSON.parse(body.toString('utf8'));
    const call: ApiCall = { method, payload, at: performance.now(), ok: true };
    if (token !== this.token) return this.#fail(res, call, { error_code: 401, description: 'Unauthorized' });
    const fault = this.#faults.get(method)?.shift();
    if (fault && fault.kind !== 'drop-answer' && fault.kind !== 'pass')
      return this.#misbehave(req, res, call, fault);
    if (method === 'getUpdates') return this.#poll(res, call);
    const outcome = this.#answer(method, payload, call.at);
    if ('error_code' in outcome) return this.#fail(res, call, outcome);
    this.#record({ ...call, result: outcome.result });
    if (fault?.kind === 'drop-answer') {
      req.socket.destroy();
      return;
    }
    this.#send(res, 200, { ok: true, result: outcome.result });
  }

  #misbehave(req: IncomingMessage, res: ServerResponse, call: ApiCall, fault: Fault): void {
    if (fault.kind === 'fail') {
      if (fault.delayMs === 0) this.#fail(res, call, fault.failure);
      else setTimeout(() => this.#fail(res, call, fault.failure), fault.delayMs);
      return;
    }
    this.#record({ ...call, ok: false });
    if (fault.kind === 'drop') req.socket.destroy();
    else if (fault.kind === 'cut') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"ok":true,"result":[');
    }
  }

  #answer(method: string, p: Record<string, unknown>, now: number): { result: unknown } | FakeFailure {
    const html = p.parse_mode === 'HTML' && typeof p.text === 'string' ? checkTelegramHtml(p.text) : null;
    if (html && !html.ok) return { error_code: 400, description: html.error };
    switch (method) {
      case 'getMe':
        return { result: this.botInfo };
      case 'sendMessage': {
        const limited = this.#rateLimit(now);
        if (limited) return limited;
        return { result: this.#message(Number(p.chat_id), html?.ok ? html.text : String(p.text ?? ''), p) };
      }
      case 'sendDocument': {
        const doc = p.document as Upload | undefined;
        if (!doc || typeof doc !== 'object' || !Buffer.isBuffer(doc.bytes))
          return { error_code: 400, description: 'Bad Request: there is no document in the request' };
        const message = this.#message(Number(p.chat_id), '', p);
        const { text: _none, ...rest } = message;
        return {
          result: {
            ...rest,
            document: {
              file_id: `f${message.message_id}`,
              file_unique_id: `u${message.message_id}`,
              file_name: doc.name,
              file_size: doc.bytes.length,
            },
          },
        };
      }
      case 'sendPoll': {
        const limited = this.#rateLimit(now);
        if (limited) return limited;
        const target = [...this.#chats.values()].find((c) => String(c.id) === String(p.chat_id));
        if (target?.type === 'channel' && p.is_anonymous === false)
          return { error_code: 400, description: "Bad Request: polls can't be non-anonymous in channels" };
        const { text: _none, ...message } = this.#message(Number(p.chat_id), '', p);
        const options = (p.options as { text: string }[]).map((o) => ({ text: o.text, voter_count: 0 }));
        const poll = {
          id: `poll${++this.#polls}`,
          question: String(p.question),
          options,
          total_voter_count: 0,
          is_closed: false,
          is_anonymous: p.is_anonymous !== false,
          type: p.type === 'quiz' ? 'quiz' : 'regular',
          allows_multiple_answers: false,
          ...(p.type === 'quiz'
            ? { correct_option_id: p.correct_option_id, explanation: p.explanation }
            : {}),
        };
        return { result: { ...message, poll } };
      }
      case 'editMessageText': {
        if (p.inline_message_id) return { result: true };
        const text = html?.ok ? html.text : String(p.text ?? '');
        return { result: { ...this.#message(Number(p.chat_id), text, p), message_id: Number(p.message_id) } };
      }
      case 'answerInlineQuery': {
        for (const r of (p.results as { input_message_content?: Record<string, unknown> }[]) ?? []) {
          const content = r.input_message_content;
          if (content?.parse_mode !== 'HTML') continue;
          const check = checkTelegramHtml(String(content.message_text ?? ''));
          if (!check.ok) return { error_code: 400, description: check.error };
        }
        return { result: true };
      }
      case 'getChat': {
        const ref = String(p.chat_id);
        const chat = [...this.#chats.values()].find(
          (c) => String(c.id) === ref || ('username' in c && `@${c.username}` === ref),
        );
        return chat ? { result: chat } : { error_code: 400, description: 'Bad Request: chat not found' };
      }
      case 'getChatMember': {
        const status = this.#members.get(`${p.chat_id}:${p.user_id}`) ?? 'member';
        return { result: { status, user: { id: Number(p.user_id), is_bot: false, first_name: 'user' } } };
      }
      default:
        return { result: true };
    }
  }

  #rateLimit(now: number): FakeFailure | null {
    const limit = this.#options.messagesPerSecond;
    if (!limit) return null;
    this.#sentTimes = this.#sentTimes.filter((t) => now - t < 1000);
    if (this.#sentTimes.length >= limit) {
      const waitMs = 1000 - (now - (this.#sentTimes[0] ?? now));
      const retry = Math.max(1, Math.ceil(waitMs / 1000));
      return {
        error_code: 429,
        description: `Too Many Requests: retry after ${retry}`,
        parameters: { retry_after: retry },
      };
    }
    this.#sentTimes.push(now);
    return null;
  }

  #message(chatId: number, text: string, p: Record<string, unknown>) {
    const id = (this.#messageIds.get(chatId) ?? 0) + 1;
    this.#messageIds.set(chatId, id);
    const chat = this.#chats.get(chatId) ?? this.#guessChat(chatId);
    const from = { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name };
    return {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat,
      ...(chat.type === 'channel' ? { sender_chat: chat } : { from }),
      text,
      ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
    };
  }

  #guessChat(id: number): Chat {
    if (id > 0) return { id, type: 'private', first_name: 'user' };
    if (String(id).startsWith('-100')) return { id, type: 'supergroup', title: 'group' };
    return { id, type: 'group', title: 'group' };
  }

  #poll(res: ServerResponse, call: ApiCall): void {
    this.#record(call);
    const offset = Number(call.payload.offset ?? 0);
    const limit = Number(call.payload.limit ?? 100);
    this.#updates = this.#updates.filter((u) => u.update_id >= offset);
    // Telegram serves one poller per token: a new request ends the one it holds.
    for (const held of [...this.#held]) this.#terminate(held);
    const cap = Math.min(this.#options.pollCapMs ?? 250, Number(call.payload.timeout ?? 0) * 1000);
    const poll: HeldPoll = {
      res,
      call,
      offset,
      limit,
      timer: setTimeout(() => this.#answerPoll(poll, true), cap),
    };
    this.#held.add(poll);
    res.on('close', () => {
      clearTimeout(poll.timer);
      this.#held.delete(poll);
    });
    this.#answerPoll(poll);
  }

  /** Ends a held poll with Telegram's 409 for a second poller; its recorded call becomes a failure. */
  #terminate(poll: HeldPoll): void {
    clearTimeout(poll.timer);
    this.#held.delete(poll);
    if (poll.res.writableEnded || poll.res.destroyed) return;
    const failure: FakeFailure = {
      error_code: 409,
      description:
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    };
    this.#conflicts++;
    poll.call.ok = false;
    poll.call.failure = failure;
    for (const listener of [...this.#listeners]) listener(poll.call);
    this.#send(poll.res, 409, { ok: false, ...failure });
  }

  #answerPoll(poll: HeldPoll, timedOut = false): void {
    if (poll.res.writableEnded) return;
    const ready = this.#updates.filter((u) => u.update_id >= poll.offset).slice(0, poll.limit);
    if (ready.length === 0 && !timedOut) return;
    clearTimeout(poll.timer);
    this.#held.delete(poll);
    const now = performance.now();
    for (const u of ready) if (!this.#delivered.has(u.update_id)) this.#delivered.set(u.update_id, now);
    this.#send(poll.res, 200, { ok: true, result: ready });
  }

  #fail(res: ServerResponse, call: ApiCall, failure: FakeFailure): void {
    this.#record({ ...call, ok: false, failure });
    this.#send(res, failure.error_code, { ok: false, ...failure });
  }

  #record(call: ApiCall): void {
    this.calls.push(call);
    for (const listener of [...this.#listeners]) listener(call);
  }

  #send(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
