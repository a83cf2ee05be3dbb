/**
 * A small fake Discord on 127.0.0.1: the REST API (node:http) and the gateway (`ws`) on one port, enough
 * for the real discord.js client to log in, receive interactions and answer them. Every request is
 * recorded; a test can make the next matching request fail with a Discord error, and `close()` shuts every
 * socket so nothing outlives the test.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { boundaryOf, parseMultipart } from './multipart.ts';

/** A file uploaded with a request (multipart `files[n]`). */
export interface Upload {
  name: string;
  bytes: Buffer;
}

/** One REST request the client made, with its parsed JSON body. */
export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, decoded, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
  /** Files of a multipart request (its `payload_json` is the `body`), in order. */
  files?: Upload[];
  /** `performance.now()` when the request was received. */
  at: number;
}

/** A canned failure for the next request matching `method` and `path`. */
export interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail (default 1). */
  times?: number;
  /**
   * Do the request (a message is created and recorded), then reset the connection instead of answering:
   * the send reached Discord but its answer was lost. `status` and `body` are ignored.
   */
  dropAnswer?: boolean;
}

/** A JSON object as Discord sends it. */
export type Json = Record<string, unknown>;

/** Ids and timing of the fake. */
export interface FakeDiscordOptions {
  applicationId?: string;
  botUserId?: string;
  /** Heartbeat interval announced in HELLO (ms). */
  heartbeatInterval?: number;
  /** The guild of the channels (threads carry it). */
  guildId?: string;
  /** The shard count `GET /gateway/bot` recommends (default 1). */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency`: shards that may identify at once (default 1). */
  maxConcurrency?: number;
}

/**
 * The shard that receives a guild's events, by Discord's rule `(guild_id >> 22) % shard_count`; events
 * without a guild (DMs) go to shard 0.
 */
export function shardOfGuild(guildId: string | undefined, shardCount: number): number {
  if (guildId === undefined || !/^\d{1,20}$/.test(guildId)) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Discord's answer to a DM to a person who does not take DMs from the bot (403, code 50007). */
export const CANNOT_DM = { code: 50007, message: 'Cannot send messages to this user' } as const;

/** Discord's answer when the bot lacks a permission (403, code 50013). */
export const MISSING_PERMISSIONS = { code: 50013, message: 'Missing Permissions' } as const;

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

interface Waiter {
  match: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
  timer: NodeJS.Timeout;
}

/** The fake server. Start with `FakeDiscord.start()`, stop with `close()`. */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** IDENTIFY payloads received on the gateway. */
  readonly identifies: Json[] = [];
  readonly applicationId: string;
  readonly botUserId: string;
  readonly guildId: string;
  /** Threads started on messages (`POST /channels/:id/messages/:mid/threads`), by thread id. */
  readonly threads = new Map<
    string,
    { channelId: string; messageId: string; name: string; archive: number }
  >();
  /**
   * Messages posted to channels (`POST /channels/:id/messages`) by id, as they stand after their edits
   * (`PATCH /channels/:id/messages/:mid` replaces the fields it sends), so a press can be made on one.
   */
  readonly posted = new Map<string, Json>();
  /** The server's roles (`GET /guilds/:id`, `/roles/:id`); the `@everyone` role has the guild's id. */
  roles: Json[] = [];
  /** The roles of the bot's own member. */
  botRoles: string[] = [];
  /** Members' roles given and removed through `PUT`/`DELETE /guilds/:g/members/:u/roles/:r`, by user id. */
  readonly memberRoles = new Map<string, Set<string>>();
  /** DM channels opened (`POST /users/@me/channels`): user id → channel id. */
  readonly dms = new Map<string, string>();
  /** Users whose DMs are closed: a message to their DM channel gets 403 (50007). */
  readonly closedDms = new Set<string>();
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #sockets = new Set<WebSocket>();
  /** The `[shard_id, num_shards]` each identified connection asked for (`[0, 1]` when it sent none). */
  readonly #shards = new Map<WebSocket, [number, number]>();
  readonly #recommendedShards: number;
  readonly #maxConcurrency: number;
  readonly #failures: Failure[] = [];
  readonly #waiters = new Set<Waiter>();
  readonly #heartbeat: number;
  #seq = 0;
  #messageId = 1_000_000_000_000_000n;

  private constructor(options: FakeDiscordOptions) {
    this.applicationId = options.applicationId ?? '100000000000000001';
    this.botUserId = options.botUserId ?? this.applicationId;
    this.#heartbeat = options.heartbeatInterval ?? 45_000;
    this.guildId = options.guildId ?? '300000000000000001';
    this.#recommendedShards = options.recommendedShards ?? 1;
    this.#maxConcurrency = options.maxConcurrency ?? 1;
    this.#server = createServer((req, res) => void this.#http(req, res));
    this.#wss = new WebSocketServer({ server: this.#server, path: '/gateway' });
    this.#wss.on('connection', (socket) => this.#connect(socket));
  }

  /** Starts a fake on a free port of 127.0.0.1. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.#server.listen(0, '127.0.0.1');
    await once(fake.#server, 'listening');
    return fake;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** What to pass as discord.js `rest.api` (and DISCORD_API_URL). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Open gateway connections. */
  get connections(): number {
    return this.#sockets.size;
  }

  /** Makes the next `times` thread creations fail as Discord does without Create Public Threads (403, 50013). */
  refuseThreads(times = 1): void {
    this.fail({
      method: 'POST',
      path: /^\/channels\/\d+\/messages\/\d+\/threads$/,
      status: 403,
      body: MISSING_PERMISSIONS,
      times,
    });
  }

  /** Makes the next matching request(s) fail. */
  fail(failure: Failure): void {
    this.#failures.push({ ...failure, times: failure.times ?? 1 });
  }

  /** Resolves with the first request (already received or future) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return this.#waitNext(match, timeoutMs);
  }

  /** The edits of a channel message (`PATCH /channels/:id/messages/:mid`), oldest first. */
  edits(messageId: string): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === 'PATCH' && /^\/channels\/\d+\/messages\/(\d+)$/.exec(r.path)?.[1] === messageId,
    );
  }

  /** The `[shard_id, num_shards]` of every identified connection, in the order they identified. */
  get shards(): [number, number][] {
    return [...this.#shards.values()];
  }

  /**
   * Closes the connection of shard `shardId` as Discord does when it drops a session (default 4000,
   * "unknown error": the client reconnects and sends RESUME, which this fake leaves unanswered).
   */
  drop(shardId: number, code = 4000): void {
    for (const [socket, [id]] of this.#shards) if (id === shardId) socket.close(code, 'fake drop');
  }

  /**
   * Sends a gateway dispatch as Discord does: only on the connection of the shard that owns its
   * `guild_id` (see `shardOfGuild`); a connection that has not identified gets every event. Returns
   * the shard ids it was sent on.
   */
  dispatch(event: string, data: unknown): number[] {
    const frame = JSON.stringify({ op: 0, t: event, s: ++this.#seq, d: data });
    const guild = (data as { guild_id?: unknown } | null)?.guild_id;
    const sentOn: number[] = [];
    for (const socket of this.#sockets) {
      const [id, count] = this.#shards.get(socket) ?? [0, 1];
      if (shardOfGuild(typeof guild === 'string' ? guild : undefined, count) !== id) continue;
      socket.send(frame);
      sentOn.push(id);
    }
    return sentOn;
  }

  /**
   * Sends INTERACTION_CREATE and resolves with the interaction callback request the client makes
   * (`POST /interactions/<id>/<token>/callback`).
   */
  interact(interaction: Json, timeoutMs = 5_000): Promise<RecordedRequest> {
    const path = `/interactions/${String(interaction.id)}/${String(interaction.token)}/callback`;
    const answered = this.#waitNext((r) => r.method === 'POST' && r.path === path, timeoutMs);
    this.dispatch('INTERACTION_CREATE', interaction);
    return answered;
  }

  /** Closes every socket and the server. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    this.#sockets.clear();
    for (const w of this.#waiters) clearTimeout(w.timer);
    this.#waiters.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #waitNext(match: (r: RecordedRequest) => boolean, timeoutMs: number): Promise<RecordedRequest> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (r) => {
          clearTimeout(waiter.timer);
          resolve(r);
        },
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(new Error(`fake Discord: no matching request within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  #connect(socket: WebSocket): void {
    this.#sockets.add(socket);
    const forget = () => {
      this.#sockets.delete(socket);
      this.#shards.delete(socket);
    };
    socket.on('close', forget);
    socket.on('error', forget);
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.#heartbeat } }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Json };
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) {
        this.identifies.push(frame.d);
        const [id, count] = Array.isArray(frame.d.shard) ? (frame.d.shard as [number, number]) : [0, 1];
        this.#shards.set(socket, [id, count]);
        const ready = this.#ready([id, count]);
        socket.send(JSON.stringify({ op: 0, t: 'READY', s: ++this.#seq, d: ready }));
      }
    });
  }

  #ready(shard: [number, number]): Json {
    return {
      shard,
      v: 10,
      user: {
        id: this.botUserId,
        username: 'dlkb',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      },
      session_id: `fake-session-${shard[0]}`,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      application: { id: this.applicationId, flags: 0 },
      guilds: [],
      private_channels: [],
    };
  }

  /** A message object as Discord returns it for a sent or edited message. */
  message(channelId: string, body: Json): Json {
    this.#messageId += 1n;
    return {
      id: String(this.#messageId),
      channel_id: channelId,
      type: 0,
      content: typeof body.content === 'string' ? body.content : '',
      author: { id: this.botUserId, username: 'dlkb', discriminator: '0', avatar: null, bot: true },
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: typeof body.flags === 'number' ? body.flags : 0,
    };
  }

  /** The DM channel with a user, opened once, as Discord returns it. */
  #openDm(userId: string): Json {
    let id = this.dms.get(userId);
    if (!id) {
      this.#messageId += 1n;
      id = String(this.#messageId);
      this.dms.set(userId, id);
    }
    const recipient = { id: userId, username: `user${userId}`, discriminator: '0', avatar: null };
    return { id, type: 1, last_message_id: null, recipients: [recipient] };
  }

  /** True when `channelId` is the DM channel of a user whose DMs are closed. */
  #refusesDm(channelId: string): boolean {
    for (const [user, id] of this.dms) if (id === channelId && this.closedDms.has(user)) return true;
    return false;
  }

  /** A public thread on a message, as Discord returns it (recorded in `threads`). */
  #startThread(channelId: string, messageId: string, body: Json): Json {
    this.#messageId += 1n;
    const id = String(this.#messageId);
    const name = String(body.name ?? '');
    const archive = Number(body.auto_archive_duration ?? 4320);
    this.threads.set(id, { channelId, messageId, name, archive });
    return {
      id,
      type: 11,
      guild_id: this.guildId,
      parent_id: channelId,
      owner_id: this.botUserId,
      name,
      thread_metadata: { archived: false, auto_archive_duration: archive, locked: false },
      message_count: 0,
      member_count: 1,
    };
  }

  /** A role as Discord returns it, with the fields a test leaves out filled in. */
  static role(over: Json & { id: string }): Json {
    return {
      name: `role-${over.id}`,
      color: 0,
      hoist: false,
      position: 1,
      permissions: '0',
      managed: false,
      mentionable: false,
      flags: 0,
      ...over,
    };
  }

  /** The server's roles, its `@everyone` role included. */
  #allRoles(): Json[] {
    const g = this.guildId;
    return this.roles.some((r) => r.id === g)
      ? this.roles
      : [FakeDiscord.role({ id: g, position: 0 }), ...this.roles];
  }

  /** The server, its channels, roles and members' roles. */
  #guildAnswer(route: string): [number, unknown] | undefined {
    const g = this.guildId;
    const m = /^GET \/channels\/(\d+)$/.exec(route);
    if (m?.[1]) return [200, { id: m[1], type: 0, guild_id: g, name: 'daily', position: 0 }];
    if (route === `GET /guilds/${g}`) {
      const roles = this.#allRoles();
      return [
        200,
        {
          id: g,
          name: 'fake',
          icon: null,
          owner_id: '1',
          roles,
          emojis: [],
          stickers: [],
          features: [],
          afk_timeout: 300,
        },
      ];
    }
    if (route === `GET /guilds/${g}/roles`) return [200, this.#allRoles()];
    const role = new RegExp(`^GET /guilds/${g}/roles/(\\d+)$`).exec(route);
    if (role?.[1]) {
      const found = this.roles.find((r) => r.id === role[1]);
      return found ? [200, found] : [404, { code: 10011, message: 'Unknown Role' }];
    }
    if (route === `GET /guilds/${g}/members/${this.botUserId}`) {
      const user = { id: this.botUserId, username: 'dlkb', discriminator: '0', avatar: null, bot: true };
      return [
        200,
        {
          user,
          roles: this.botRoles,
          joined_at: new Date(0).toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      ];
    }
    const give = new RegExp(`^(PUT|DELETE) /guilds/${g}/members/(\\d+)/roles/(\\d+)$`).exec(route);
    if (give?.[2] && give[3]) {
      const set = this.memberRoles.get(give[2]) ?? new Set<string>();
      if (give[1] === 'PUT') set.add(give[3]);
      else set.delete(give[3]);
      this.memberRoles.set(give[2], set);
      return [204, undefined];
    }
    return undefined;
  }

  async #http(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = Buffer.concat(chunks);
    const boundary = boundaryOf(req.headers['content-type']);
    let body: unknown = null;
    let files: Upload[] | undefined;
    if (boundary) {
      const parts = parseMultipart(raw, boundary);
      const json = parts.find((p) => p.name === 'payload_json');
      body = json ? JSON.parse(json.data.toString('utf8')) : null;
      files = parts
        .filter((p) => p.filename !== undefined)
        .map((p) => ({ name: p.filename ?? '', bytes: Buffer.from(p.data) }));
    } else {
      const text = raw.toString('utf8');
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
    }
    const request: RecordedRequest = {
      ...(files ? { files } : {}),
      method: req.method ?? 'GET',
      path: decodePath(url.pathname.replace(/^\/api\/v\d+/, '')),
      query: url.searchParams,
      authorization: req.headers.authorization,
      body,
      at: performance.now(),
    };
    this.requests.push(request);
    const dropAnswer = this.#takeFailure(request, (f) => f.dropAnswer === true) !== undefined;
    const [status, payload, headers] = this.#answer(request);
    if (dropAnswer) req.socket.destroy();
    else if (payload === undefined) res.writeHead(status, headers).end();
    else
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
    for (const waiter of this.#waiters) {
      if (waiter.match(request)) {
        this.#waiters.delete(waiter);
        waiter.resolve(request);
      }
    }
  }

  /** Takes one use of the first queued failure that matches the request and `which`. */
  #takeFailure(r: RecordedRequest, which: (f: Failure) => boolean): Failure | undefined {
    const failure = this.#failures.find((f) => which(f) && f.method === r.method && f.path.test(r.path));
    if (!failure) return undefined;
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.#failures.splice(this.#failures.indexOf(failure), 1);
    return failure;
  }

  #answer(r: RecordedRequest): [number, unknown, Record<string, string>?] {
    const failure = this.#takeFailure(r, (f) => !f.dropAnswer);
    if (failure)
      return [failure.status, failure.body ?? { code: 0, message: 'fake failure' }, failure.headers];
    const route = `${r.method} ${r.path}`;
    const json = (r.body ?? {}) as Json;
    if (route === 'GET /gateway/bot') {
      return [
        200,
        {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: this.#recommendedShards,
          session_start_limit: {
            total: 1000,
            remaining: 999,
            reset_after: 0,
            max_concurrency: this.#maxConcurrency,
          },
        },
      ];
    }
    if (route === 'GET /oauth2/applications/@me') {
      return [200, { id: this.applicationId, name: 'dlkb', description: '', bot_public: true, flags: 0 }];
    }
    if (/^PUT \/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(route)) {
      const list = Array.isArray(r.body) ? (r.body as Json[]) : [];
      return [200, list.map((c, i) => ({ ...c, id: String(200000000000000000n + BigInt(i)), version: '1' }))];
    }
    if (/^POST \/interactions\/\d+\/[^/]+\/callback$/.test(route)) return [204, undefined];
    if (/^(PATCH|GET) \/webhooks\/\d+\/[^/]+\/messages\/[^/]+$/.test(route))
      return [200, this.message('0', json)];
    if (/^DELETE \/webhooks\/\d+\/[^/]+\/messages\/[^/]+$/.test(route)) return [204, undefined];
    if (/^POST \/webhooks\/\d+\/[^/]+$/.test(route)) return [200, this.message('0', json)];
    const edit = /^PATCH \/channels\/(\d+)\/messages\/(\d+)$/.exec(route);
    if (edit?.[1] && edit[2]) {
      const before = this.posted.get(edit[2]) ?? { ...this.message(edit[1], {}), id: edit[2] };
      const after = { ...before, ...json, edited_timestamp: new Date().toISOString() };
      if (this.posted.has(edit[2])) this.posted.set(edit[2], after);
      return [200, after];
    }
    const thread = /^POST \/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(route);
    if (thread?.[1] && thread[2]) return [201, this.#startThread(thread[1], thread[2], json)];
    const roles = this.#guildAnswer(route);
    if (roles) return roles;
    if (route === 'POST /users/@me/channels') return [200, this.#openDm(String(json.recipient_id))];
    const channel = /^POST \/channels\/(\d+)\/messages$/.exec(route);
    if (channel?.[1] && this.#refusesDm(channel[1])) return [403, CANNOT_DM];
    if (channel?.[1]) {
      const message = this.message(channel[1], json);
      this.posted.set(String(message.id), message);
      return [200, message];
    }
    return [404, { code: 0, message: '404: Not Found' }];
  }
}
