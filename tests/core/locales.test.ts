import { describe, expect, it } from 'vitest';
import {
  LOCALES,
  type Locale,
  type MessageKey,
  messages,
  pickLocale,
  translator,
} from '../../src/kernel/i18n.ts';

/** Every leaf of a message tree as `dotted.key → text`; a non-string, non-object leaf is reported as is. */
function leaves(node: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof node !== 'object' || node === null) {
    out.set(prefix, node);
    return out;
  }
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

const trees = Object.fromEntries(LOCALES.map((l) => [l, leaves(messages(l))])) as Record<
  Locale,
  Map<string, unknown>
>;

describe('locale files', () => {
  it('speak zh-CN (the default) and en', () => {
    expect(LOCALES).toEqual(['zh-CN', 'en']);
  });

  it('have the same keys in both languages', () => {
    const zh = [...trees['zh-CN'].keys()].sort();
    const en = [...trees.en.keys()].sort();
    expect(zh.length).toBeGreaterThan(20);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
  });

  it('have only non-empty strings as leaves', () => {
    for (const locale of LOCALES) {
      for (const [key, value] of trees[locale]) {
        expect(typeof value, `${locale} ${key}`).toBe('string');
        expect(String(value).trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same {placeholders} in both languages', () => {
    for (const [key, zh] of trees['zh-CN']) {
      const en = trees.en.get(key);
      expect(placeholders(String(en)), key).toEqual(placeholders(String(zh)));
    }
  });

  it('are really translated: the English texts contain no Chinese', () => {
    for (const [key, value] of trees.en) expect(String(value), key).not.toMatch(/\p{Script=Han}/u);
  });
});

describe('translator', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('common.badInteger', { option: 'n', min: 1, max: 5, value: 'x' })).toBe(
      'n needs a whole number from 1 to 5, got "x".',
    );
    expect(t('search.title')).toBe('Search: {query}');
  });

  it('reaches nested keys', () => {
    expect(translator('zh-CN')('common.difficulty.hard')).toBe('困难');
    expect(translator('en')('common.difficulty.hard' satisfies MessageKey)).toBe('hard');
  });
});

describe('pickLocale', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en'],
    ['en_GB.UTF-8', 'en'],
    ['EN-us', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh_CN.UTF-8', 'zh-CN'],
    ['C.UTF-8', 'zh-CN'],
    ['', 'zh-CN'],
    [undefined, 'zh-CN'],
    [null, 'zh-CN'],
  ])('%j → %s', (tag, locale) => {
    expect(pickLocale(tag)).toBe(locale);
  });
});
