/**
 * Reading `/daily subscribe` input. On Discord each value arrives in its own option; from a text line
 * (Telegram, terminal) words fill the options in order, so `/daily subscribe Europe/Berlin` puts the
 * zone where the time goes. Values are therefore first moved to the option their shape fits (a zone
 * has letters, hours are a number, a chat reference is whatever the platform's `ChatReferences` says),
 * then checked, and a problem names the value and what is accepted.
 */
import type { MessageKey } from '../../kernel/i18n.ts';
import type { KnowledgeBase } from '../knowledge/base.ts';
import { parseDigest } from './digest-times.ts';
import { type ChatReferences, noChatReferences } from './directory.ts';
import { PICK_MODES, type PickMode, POST_FORMATS, type PostFormat } from './store.ts';
import { canonicalZone, formatClock, parseClock } from './time.ts';

/** The post time of a new subscription. */
export const DEFAULT_TIME = '09:00';
/** Hours from the post to the scheduled answer, by default. */
export const DEFAULT_REVEAL_HOURS = 8;
/** The longest accepted `reveal_after`, in hours. */
export const MAX_REVEAL_HOURS = 72;

/** The raw values of `/daily subscribe` (every option optional). */
export interface SubscribeInput {
  time?: string;
  timezone?: string;
  category?: string;
  reveal_after?: string;
  chat?: string;
  /** `on` (default) or `off`: a discussion thread per post (Discord). */
  thread?: string;
  /** Minutes before a post's thread is archived: 60, 1440 (default), 4320 or 10080. */
  thread_archive?: string;
  /** A role to mention in each post (Discord): `<@&id>` or the id. */
  role?: string;
  /** `flashcard` (default), `choice` or `both`: what each post is. */
  format?: string;
  /** `rotation` (default) or `adaptive`: how the next question is chosen. */
  pick?: string;
  /** The weekly digest: a weekday and a time (`sun 20:00`, `sun-20:00`, `周日`), or `off` (default). */
  digest?: string;
}

/** Checked settings; omitted options take their defaults. */
export interface Settings {
  time: string;
  timezone: string;
  category: string | null;
  revealAfterHours: number;
  /** A chat named by reference (`@channel`), normalised; undefined: the chat the command came from. */
  chat?: string;
  thread: 'on' | 'off';
  threadArchiveMinutes: number;
  /** The role id to mention; null: none. */
  roleId: string | null;
  format: PostFormat;
  pick: PickMode;
  /** The weekly digest as stored (`sun 20:00`); null: none. */
  digest: string | null;
}

/** A post's thread archive durations Discord accepts, in minutes. */
export const THREAD_ARCHIVE_MINUTES = ['60', '1440', '4320', '10080'] as const;

/** A role mention or id: `<@&123…>`, `@&123…` or `123…`. */
const ROLE = /^(?:<@&(\d{1,20})>|@?&?(\d{1,20}))$/;

/** The role id of a `role` value; null when it is not a role (`@everyone` and `@here` are not). */
export function parseRole(value: string): string | null {
  const m = ROLE.exec(value.trim());
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** A problem with the input, as a message key and its values. */
export interface Problem {
  key: MessageKey;
  vars: Record<string, string | number>;
}

const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
const CLOCK = /^\d{1,2}[:：.]\d{2}$/;
const hasLetter = (v: string) => /\p{L}/u.test(v);

/** Where a value belongs by its shape, ignoring which option it came in. */
function shapeOf(value: string, own: keyof SubscribeInput, references: ChatReferences): keyof SubscribeInput {
  if (references.looksLikeReference(value)) return 'chat';
  if (CLOCK.test(value)) return 'time';
  if (NUMBER.test(value) && (own === 'timezone' || /^[+-]|[.,]/.test(value))) return 'reveal_after';
  if (hasLetter(value) && own !== 'timezone') return 'timezone';
  return own;
}

/** Moves each value to the option its shape fits, when that option is still empty. */
function sortByShape(input: SubscribeInput, references: ChatReferences): SubscribeInput {
  const { time: _t, timezone: _z, reveal_after: _r, ...rest } = input;
  const out: SubscribeInput = { ...rest };
  for (const own of ['time', 'timezone', 'reveal_after'] as const) {
    const value = input[own]?.trim();
    if (!value) continue;
    const shape = shapeOf(value, own, references);
    out[out[shape] === undefined ? shape : own] = value;
  }
  return out;
}

/**
 * Checks `/daily subscribe` input against the knowledge base's categories. `references`: how the
 * platform names chats (its chat directory); without one, a chat named is refused later.
 */
export function parseSettings(
  input: SubscribeInput,
  o: { kb: KnowledgeBase; defaultTimezone: string; references?: ChatReferences },
): { settings: Settings } | { problem: Problem } {
  const v = sortByShape(input, o.references ?? noChatReferences);
  const categories = o.kb.categories.map((c) => c.id).join(', ');

  const minutes = v.time === undefined ? parseClock(DEFAULT_TIME) : parseClock(v.time);
  if (minutes === null) return { problem: { key: 'daily.badTime', vars: { value: v.time ?? '' } } };

  let timezone = o.defaultTimezone;
  if (v.timezone !== undefined) {
    const zone = canonicalZone(v.timezone);
    if (!zone) {
      const plainWord = !v.timezone.includes('/') && v.category === undefined;
      return plainWord
        ? { problem: { key: 'daily.unknownWord', vars: { value: v.timezone, categories } } }
        : { problem: { key: 'daily.badTimezone', vars: { value: v.timezone } } };
    }
    timezone = zone;
  }

  let revealAfterHours = DEFAULT_REVEAL_HOURS;
  if (v.reveal_after !== undefined) {
    const hours = /^[+]?\d+$/.test(v.reveal_after) ? Number(v.reveal_after) : Number.NaN;
    if (!Number.isInteger(hours) || hours > MAX_REVEAL_HOURS) {
      const problem: Problem = hasLetter(v.reveal_after)
        ? { key: 'daily.unknownWord', vars: { value: v.reveal_after, categories } }
        : { key: 'daily.badReveal', vars: { value: v.reveal_after, max: MAX_REVEAL_HOURS } };
      return { problem };
    }
    revealAfterHours = hours;
  }

  const category = v.category && o.kb.category(v.category) ? v.category : null;
  if (v.category && !category) {
    return { problem: { key: 'daily.unknownWord', vars: { value: v.category, categories } } };
  }

  const archive = v.thread_archive ?? '1440';
  if (!(THREAD_ARCHIVE_MINUTES as readonly string[]).includes(archive))
    return { problem: { key: 'daily.badArchive', vars: { value: archive } } };
  let roleId: string | null = null;
  if (v.role !== undefined && v.role.trim() !== '') {
    roleId = parseRole(v.role);
    if (!roleId) return { problem: { key: 'daily.badRole', vars: { value: v.role } } };
  }
  const format = POST_FORMATS.find((f) => f === (v.format ?? 'flashcard').trim().toLowerCase());
  if (!format) return { problem: { key: 'daily.badFormat', vars: { value: v.format ?? '' } } };
  const pick = PICK_MODES.find((m) => m === (v.pick ?? 'rotation').trim().toLowerCase());
  if (!pick) return { problem: { key: 'daily.badPick', vars: { value: v.pick ?? '' } } };
  const digest = v.digest === undefined || v.digest.trim() === '' ? 'off' : parseDigest(v.digest);
  if (digest === null) return { problem: { key: 'daily.digest.bad', vars: { value: v.digest ?? '' } } };
  const settings: Settings = {
    time: formatClock(minutes),
    timezone,
    category,
    revealAfterHours,
    thread: v.thread === 'off' ? 'off' : 'on',
    threadArchiveMinutes: Number(archive),
    roleId,
    format,
    pick,
    digest: digest === 'off' ? null : digest,
  };
  if (v.chat !== undefined) {
    const reference = (o.references ?? noChatReferences).parseReference(v.chat);
    if (!reference) return { problem: { key: 'daily.badChat', vars: { value: v.chat } } };
    settings.chat = reference;
  }
  return { settings };
}
