/** The autocomplete choice that says nothing matched well (Discord). */
import { type Locale, translator } from '../../kernel/i18n.ts';
import { COMMAND_LIMITS } from './commands.ts';
import { clamp } from './render.ts';

/**
 * The first choice when nothing matched well: it says so, and picking it runs the command with what was
 * typed, which answers with the closest topics and /topics.
 */
export function nothingMatchedChoice(typed: string, locale: Locale): { name: string; value: string } {
  const t = translator(locale);
  const name = clamp(
    t.plain('search.autocompleteWeak', { query: clamp(typed, 40) }),
    COMMAND_LIMITS.choiceName,
  );
  return { name, value: typed };
}
