import { parseArgs } from 'node:util';
import { bankStats } from '../features/knowledge/bank.ts';
import { formatIssue, KnowledgeError } from '../features/knowledge/errors.ts';
import { loadKnowledge } from '../features/knowledge/load.ts';
import { walkFollowUps } from '../features/knowledge/schema.ts';
import type { CliCommand } from './usage.ts';

/** `dlkb check [--dir D]`: validates the knowledge base and prints counts or every error. */
export const check: CliCommand = {
  usage: 'check [--dir DIR]            validate the knowledge base (exit 1 listing every error)',
  run(args) {
    const { values } = parseArgs({ args, options: { dir: { type: 'string' } }, strict: true });
    try {
      const kb = loadKnowledge(values.dir);
      const refs = kb.entries.reduce((n, e) => n + e.references.length, 0);
      console.log(
        `ok: ${kb.entries.length} entries in ${kb.categories.length} categories, ` +
          `${refs} references (${kb.referenceUrls().size} distinct URLs)`,
      );
      for (const c of kb.categories)
        console.log(`  ${c.id.padEnd(14)} ${String(kb.inCategory(c.id).length).padStart(3)}  ${c.name}`);
      const bank = bankStats(kb.entries);
      const pct = (x: number) => `${Math.round(x * 100)}%`;
      console.log(
        `choices: ${bank.items} items; right option A ${pct(bank.position.A)} B ${pct(bank.position.B)} ` +
          `C ${pct(bank.position.C)} D ${pct(bank.position.D)}; longest is right in ${pct(bank.longestIsRight)}`,
      );
      const followups = kb.entries.flatMap((e) => [...walkFollowUps(e.followups)]);
      const nested = followups.filter((f) => f.depth > 1).length;
      const asks = kb.entries.reduce((n, e) => n + (e.asks?.length ?? 0), 0);
      console.log(
        `follow-ups: ${followups.length} (${nested} nested) in ${kb.entries.filter((e) => e.followups).length} entries; ` +
          `asks: ${asks} phrasings in ${kb.entries.filter((e) => e.asks).length} entries`,
      );
      if (bank.short.length > 0) console.log(`  entries below their minimum: ${bank.short.join(', ')}`);
      if (bank.repeatedStems.length > 0) console.log(`  repeated stems: ${bank.repeatedStems.join(' | ')}`);
      return 0;
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      for (const issue of error.issues) console.error(formatIssue(issue));
      console.error(`${error.issues.length} error(s). See knowledge/README.md for the format.`);
      return 1;
    }
  },
};
