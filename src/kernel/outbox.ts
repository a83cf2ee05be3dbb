/**
 * What the core needs from a running platform adapter to post on its own (the daily question):
 * send a reply to a chat, and know how a send failed.
 */

import type { Platform } from './context.ts';
import type { Locale } from './i18n.ts';
import type { Reply } from './reply.ts';

/**
 * Why a send failed: `gone` (403, unknown channel: stop trying), `rate-limited` (429), `transient` (the
 * platform's explicit error such as a 5xx, or a connection that never opened: it was not delivered, so
 * it may be retried), `ambiguous` (the request may have arrived: a connection reset or timeout after it
 * was sent, or a message cut after its first part; retrying could post it twice, so it is not retried).
 */
export type DeliveryFailure = 'gone' | 'rate-limited' | 'transient' | 'ambiguous';

/** Error codes of a connection that never opened: the request cannot have arrived. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * True when a network error proves the request never reached the platform (the connection never
 * opened), looking through the error's causes (fetch wraps them). A reset or a timeout is not proof.
 */
export function neverSent(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
  }
  return false;
}

/** A failed send, classified so the caller knows whether to retry, wait or give up. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly kind: DeliveryFailure,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
}

/** How fast a platform takes sends from one bot; the daily question's send lanes keep to it. */
export interface SendLimits {
  /** Sends started per second on average; `Infinity` for no pacing. */
  perSecond: number;
  /** How many sends may start back to back after a quiet spell (at least 1). */
  burst: number;
  /** Sends in flight at once. */
  concurrency: number;
}

/** The chat id that names a person's private chat with the bot (`Outbox.send` resolves it per platform). */
export function personalChat(userId: string): string {
  return `user:${userId}`;
}

/** The user id of a `personalChat` id, or undefined for any other chat id. */
export function personOf(chatId: string): string | undefined {
  return /^user:(.+)$/.exec(chatId)?.[1];
}

/** Sends replies to chats of one platform. */
export interface Outbox {
  readonly platform: Platform;
  /** The platform's send limits, declared by its adapter. */
  readonly sendLimits?: SendLimits;
  /**
   * Sends a reply to a chat and resolves to the id of the (first) message sent.
   * `replyTo` makes it a reply to an earlier message of that chat. A person's private chat is
   * `personalChat(userId)`, `user:<user id>`, on every platform: the adapter resolves it (Telegram: the
   * private chat, whose id is the user's; Discord: the DM channel, opened).
   * @throws DeliveryError
   */
  send(chatId: string, reply: Reply, options?: SendOptions): Promise<string>;
  /**
   * Starts a public discussion thread on a sent message (platforms that have them: Discord), named
   * `name`, archived after `autoArchiveMinutes` without messages; resolves to the thread's chat id (a
   * reply can be sent there) and its link.
   * @throws DeliveryError (`gone` when the bot may not create threads there)
   */
  startThread?(
    chatId: string,
    messageId: string,
    options: { name: string; autoArchiveMinutes: number },
  ): Promise<{ id: string; url: string }>;
  /**
   * Replaces a message the bot sent with `reply` (platforms that can: Discord), within the platform's
   * edit limits; a `final` reply is the message's last redraw. Resolves once the platform took it.
   * @throws DeliveryError (`gone` when the message or chat is gone or the bot may not edit it)
   */
  edit?(chatId: string, messageId: string, reply: Reply, options?: { locale?: Locale }): Promise<void>;
}

/** Whether the bot may mention a role in a chat, and give it to members (a Discord server's role). */
export interface RoleState {
  /** `gone`: no such role in the chat's server (deleted). */
  exists: boolean;
  /** The role is mentionable, or the bot has Mention @everyone, @here and All Roles there. */
  canMention: boolean;
  /** `ok`, or why the bot cannot give the role: no Manage Roles, or the role is not below the bot's highest. */
  canManage: 'ok' | 'no-permission' | 'role-above';
}

/** A platform with roles (Discord) lets the core check one and give or remove it for a member. */
export interface MemberRoles {
  /**
   * The role's state in the server of channel `chatId`.
   * @throws DeliveryError when the platform cannot be asked (`gone`: the channel is not in a server the bot is in)
   */
  roleState(chatId: string, roleId: string): Promise<RoleState>;
  /**
   * Gives (`on`) or removes the role for a member of the server of channel `chatId`.
   * @throws DeliveryError (`gone` when the platform refused: permission or role position)
   */
  setMemberRole(chatId: string, userId: string, roleId: string, on: boolean): Promise<void>;
}

/** True when an outbox also manages members' roles. */
export function hasMemberRoles(outbox: Outbox): outbox is Outbox & MemberRoles {
  const o = outbox as Outbox & Partial<MemberRoles>;
  return typeof o.roleState === 'function' && typeof o.setMemberRole === 'function';
}

/** How a reply is sent: as a reply to an earlier message, in which language, mentioning which role. */
export interface SendOptions {
  replyTo?: string;
  locale?: Locale;
  /** A role the message mentions, and the only mention it may make (Discord); the daily post's opt-in ping. */
  mentionRole?: string;
}

/** A started adapter: it can send, report its health, and stop. */
export interface RunningAdapter extends Outbox {
  /** True while connected (gateway ready / polling or webhook set). */
  healthy(): boolean;
  /** Why it is not healthy, when the adapter can say more than "not connected" (null when healthy). */
  problem?(): string | null;
  /**
   * What this process serves of the platform, for /healthz: Discord its gateway shards
   * (`{ shards, count, shardStatus }`), Telegram how updates arrive (`{ mode: 'polling' | 'webhook' }`).
   */
  serves?(): Record<string, unknown>;
  /** Stops taking updates, waits for in-flight replies (bounded), and disconnects. */
  stop(): Promise<void>;
}
