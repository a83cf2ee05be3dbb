/** Locales, locale detection and the translator. Texts live in `src/locales/`. */
import { en } from '../locales/en.ts';
import { type Messages, zhCN } from '../locales/zh-CN.ts';
import { escapeInline, MarkdownText } from './markdown.ts';

/** The languages dlkb speaks; zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Text in every locale, for declarations (command and option descriptions). */
export type Localized = Record<Locale, string>;

const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A dotted key of a message, e.g. `search.none` or `common.difficulty.easy`. */
export type MessageKey = Leaves<Messages>;

/** A translation parameter: text and numbers are escaped; `MarkdownText` is put in as is. */
export type TranslateValue = string | number | MarkdownText;

/**
 * A translator. Called as `t(key, params)` it returns the message in the Markdown subset of reply
 * bodies, every parameter escaped once (`escapeInline`) so that what a person typed is shown as text,
 * never as a link, bold or code; `markdown()` and `inlineCode()` mark a parameter that is Markdown on
 * purpose. `t.plain(key, params)` fills the parameters as they are, for plain-text places (titles,
 * footers, button labels, alerts).
 */
export interface Translate {
  (key: MessageKey, vars?: Record<string, TranslateValue>): string;
  plain(key: MessageKey, vars?: Record<string, string | number>): string;
}

/** Picks a locale from a platform's language tag (`zh-CN`, `zh-TW`, `en-US`, `en_GB.UTF-8`, …). */
export function pickLocale(tag: string | undefined | null): Locale {
  const t = (tag ?? '').toLowerCase();
  if (t.startsWith('en')) return 'en';
  return 'zh-CN';
}

/** Looks a key up in a locale. */
export function message(locale: Locale, key: MessageKey): string {
  let node: unknown = MESSAGES[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  return typeof node === 'string' ? node : key;
}

/** Fills `{name}` placeholders; unknown ones stay visible. */
function fill(
  template: string,
  vars: Record<string, TranslateValue> | undefined,
  text: (value: string) => string,
): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const value = vars?.[name];
    if (value === undefined) return m;
    return value instanceof MarkdownText || typeof value === 'number' ? String(value) : text(value);
  });
}

/** A translator for one locale. */
export function translator(locale: Locale): Translate {
  const t = (key: MessageKey, vars?: Record<string, TranslateValue>) =>
    fill(message(locale, key), vars, escapeInline);
  return Object.assign(t, {
    plain: (key: MessageKey, vars?: Record<string, string | number>) =>
      fill(message(locale, key), vars, (value) => value),
  });
}

/** The message tree of a locale (for tests that compare keys). */
export function messages(locale: Locale): Messages {
  return MESSAGES[locale];
}
