/**
 * Arguments: validation of typed values (from Discord's options) and parsing of a text line
 * (terminal, Telegram) into the same typed values. Both paths end in `validateArgs`, so a bad value gets
 * the same friendly message on every platform.
 */
import type { DynamicChoices, OptionSpec, OptionsSpec } from './command.ts';
import { UserError } from './errors.ts';

/**
 * Where the values of a choice computed from the data come from (`choices: 'category'`). The knowledge
 * base is one; the kernel knows only this interface.
 */
export interface ChoiceSource {
  /** The accepted values of a dynamic choice, in display order. */
  choiceValues(kind: DynamicChoices): readonly string[];
  /** The value a display name stands for (a category's Chinese or English name), matched case-insensitively. */
  choiceNamed(kind: DynamicChoices, name: string): string | undefined;
}

/** The accepted values of a choice option. */
export function choicesOf(option: OptionSpec, source: ChoiceSource): readonly string[] {
  if (option.type !== 'choice') return [];
  if (typeof option.choices === 'string') return source.choiceValues(option.choices);
  return option.choices;
}

/** The usage line of a set of options: `<query> [category]`. */
export function usageOf(prefix: string, options: OptionsSpec | undefined): string {
  const parts = Object.entries(options ?? {}).map(([name, o]) => (o.required ? `<${name}>` : `[${name}]`));
  return [prefix, ...parts].join(' ');
}

/** Resolves a typed choice: exact id, case-insensitive id, or a category's display name. */
function resolveChoice(value: string, option: OptionSpec, source: ChoiceSource): string | undefined {
  const accepted = choicesOf(option, source);
  const v = value.trim().toLowerCase();
  const direct = accepted.find((c) => c.toLowerCase() === v);
  if (direct) return direct;
  if (option.type === 'choice' && typeof option.choices === 'string')
    return source.choiceNamed(option.choices, v);
  return undefined;
}

/**
 * Checks and normalises typed values against the options.
 * @throws UserError naming the option and what is accepted.
 */
export function validateArgs(
  values: Record<string, unknown>,
  options: OptionsSpec | undefined,
  ctx: { choices: ChoiceSource; usage: string },
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, option] of Object.entries(options ?? {})) {
    const raw = values[name];
    if (raw === undefined || raw === null || raw === '') {
      if (option.required) throw new UserError('common.missingOption', { option: name, usage: ctx.usage });
      continue;
    }
    const text = String(raw).trim();
    if (option.type === 'integer') {
      const n = typeof raw === 'number' ? raw : /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isInteger(n) || n < option.min || n > option.max) {
        throw new UserError('common.badInteger', {
          option: name,
          min: option.min,
          max: option.max,
          value: text,
        });
      }
      out[name] = n;
    } else if (option.type === 'choice') {
      const resolved = resolveChoice(text, option, ctx.choices);
      if (!resolved) {
        throw new UserError('common.badChoice', {
          option: name,
          value: text,
          accepted: choicesOf(option, ctx.choices).join(', '),
        });
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
  ctx: { choices: ChoiceSource; usage: string },
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
      ([n, o]) => o.type === 'choice' && values[n] === undefined && resolveChoice(word, o, ctx.choices),
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
    else throw new UserError('common.tooManyArgs', { extra: loose.join(' '), usage: ctx.usage });
  }
  return values;
}
