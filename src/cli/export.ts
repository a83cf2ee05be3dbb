import { parseArgs } from 'node:util';
import { ankiDeck } from '../features/export/anki.ts';
import { loadKnowledge } from '../features/knowledge/load.ts';
import { type CliCommand, processIo, UsageError } from './usage.ts';

/** `dlkb export anki [--category C]`: the knowledge base as an Anki text file on stdout. */
export const exportCli: CliCommand = {
  usage: 'export anki [--category C]   the knowledge base as an Anki text file (> deck.txt)',
  run(args, io = processIo) {
    const { values, positionals } = parseArgs({
      args,
      options: { category: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1 || positionals[0] !== 'anki') {
      throw new UsageError(`the format is "anki" (got ${positionals.join(' ') || 'nothing'})`);
    }
    const kb = loadKnowledge();
    if (values.category !== undefined && !kb.category(values.category)) {
      throw new UsageError(
        `unknown category "${values.category}"; one of: ${kb.categories.map((c) => c.id).join(', ')}`,
      );
    }
    io.stdout.write(ankiDeck(kb.filter({ category: values.category })));
    return 0;
  },
};
