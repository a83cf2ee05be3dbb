/**
 * Arguments: validation of typed values (from Discord's options) and parsing of a text line
 * (terminal, Telegram) into the same typed values. Both paths end in `validateArgs`, so a bad value gets
 * the same friendly message on every platform.
 */
import { type OptionSpec, type OptionsSpec, UserError } from './command.ts';
import type { Translate } from './i18n.ts';
import type { KnowledgeBase } from './knowledge/base.ts';
import { DIFFICULTIES } from './knowledge/schema.ts';

/** The accepted values of a choice option. */
export function choicesOf(option: OptionSpec, kb: KnowledgeBase): readonly string[] {
  if (option.type !== 'choice') return [];
  if (option.choices === 'category') return kb.categories.map((c) => c.id);
  if (option.choices === 'difficulty') return DIFFICULTIES;
  return option.choices;
}

/** The usage line of a set of options: `<query> [category]`. */
export function usageOf(prefix: string, options: OptionsSpec | undefined): string {
  const parts = Object.entries(options ?? {}).map(([name, o]) => (o.required ? `<${name}>` : `[${name}]`));
  return [prefix, ...parts].join(' ');
}

/** Resolves a typed choice: exact id, case-insensitive id, or a category's display name. */
function resolveChoice(value: string, option: OptionSpec, kb: KnowledgeBase): string | undefined {
  const accepted = choicesOf(option, kb);
  const v = value.trim().toLowerCase();
  const direct = accepted.find((c) => c.toLowerCase() === v);
  if (direct) return direct;
  if (option.type === 'choice' && option.choices === 'category') {
    return kb.categories.find((c) => c.name.toLowerCase() === v || c.name_en.toLowerCase() === v)?.id;
  }
  return undefined;
}

/**
 * Checks and normalises typed values against the options.
 * @throws UserError naming the option and what is accepted.
 */
export function validateArgs(
  values: Record<string, unknown>,
  options: OptionsSpec | undefined,
  ctx: { kb: KnowledgeBase; t: Translate; usage: string },
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, option] of Object.entries(options ?? {})) {
    const raw = values[name];
    if (raw === undefined || raw === null || raw === '') {
      if (option.required)
        throw new UserError(ctx.t('common.missingOption', { option: name, usage: ctx.usage }));
      continue;
    }
    const text = String(raw).trim();
    if (option.type === 'integer') {
      const n = typeof raw === 'number' ? raw : /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isInteger(n) || n < option.min || n > option.max) {
        throw new UserError(
          ctx.t('common.badInteger', { option: name, min: option.min, max: option.max, value: text }),
        );
      }
      out[name] = n;
    } else if (option.type === 'choice') {
      const resolved = resolveChoice(text, option, ctx.kb);
      if (!resolved) {
        throw new UserError(
          ctx.t('common.badChoice', {
            option: name,
            value: text,
            accepted: choicesOf(option, ctx.kb).join(', '),
          }),
        );
      }
      out[name] = resolved;
    } else {
      out[name] = option.maxLength ? [...text].slice(0, option.maxLength).join('') : text;
    }
  }
  return out;
}

/**
 * Parses the text after a command name into named values:
 * `name=value` or `name:value` words name their option; a word that is a valid choice fills the first
 * unfilled choice option that accepts it; other words fill string and integer options in order, and an
 * option declared `rest` takes the rest of the line.
 * @throws UserError for words no option takes.
 */
export function parseTextArgs(
  text: string,
  options: OptionsSpec | undefined,
  ctx: { kb: KnowledgeBase; t: Translate; usage: string },
): Record<string, string> {
  const specs = Object.entries(options ?? {});
  const values: Record<string, string> = {};
  const loose: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const named = /^([a-z_]+)[=:](.+)$/u.exec(word);
    if (named?.[1] && named[2] && specs.some(([n]) => n === named[1])) {
      values[named[1]] = named[2];
      continue;
    }
    const choice = specs.find(
      ([n, o]) => o.type === 'choice' && values[n] === undefined && resolveChoice(word, o, ctx.kb),
    );
    if (choice) values[choice[0]] = word;
    else loose.push(word);
  }
  for (const [name, option] of specs) {
    if (values[name] !== undefined || option.type === 'choice' || loose.length === 0) continue;
    values[name] =
      option.type === 'string' && option.rest ? loose.splice(0).join(' ') : (loose.shift() ?? '');
  }
  if (loose.length > 0) {
    // A single choice option left unfilled gets the word, so its validation explains what is accepted.
    const open = specs.find(([n, o]) => o.type === 'choice' && values[n] === undefined);
    if (open && loose.length === 1) values[open[0]] = loose.shift() ?? '';
    else throw new UserError(ctx.t('common.tooManyArgs', { extra: loose.join(' '), usage: ctx.usage }));
  }
  return values;
}
