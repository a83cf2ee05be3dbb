/** Locales, locale detection and the translator. Texts live in `src/locales/`. */
import { en } from '../locales/en.ts';
import { type Messages, zhCN } from '../locales/zh-CN.ts';

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

/** Fills `{name}` placeholders in a message. */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

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

/** A translator for one locale. */
export function translator(locale: Locale): Translate {
  return (key, vars) =>
    message(locale, key).replace(/\{(\w+)\}/g, (m, name: string) =>
      vars && name in vars ? String(vars[name]) : m,
    );
}

/** The message tree of a locale (for tests that compare keys). */
export function messages(locale: Locale): Messages {
  return MESSAGES[locale];
}
