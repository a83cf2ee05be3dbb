import { parseArgs } from 'node:util';
import { loadKnowledge } from '../features/knowledge/load.ts';
import { type CliCommand, UsageError } from './usage.ts';

/** `dlkb list [--category C]`: ids and questions. */
export const list: CliCommand = {
  usage: 'list [--category C]          ids and questions',
  run(args) {
    const { values } = parseArgs({ args, options: { category: { type: 'string' } }, strict: true });
    const kb = loadKnowledge();
    if (values.category && !kb.category(values.category)) {
      throw new UsageError(
        `unknown category "${values.category}"; one of: ${kb.categories.map((c) => c.id).join(', ')}`,
      );
    }
    for (const e of kb.filter({ category: values.category }))
      console.log(`${e.id.padEnd(24)}  ${e.question}`);
    return 0;
  },
};
