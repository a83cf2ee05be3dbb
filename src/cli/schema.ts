import { knowledgeJsonSchema } from '../features/knowledge/schema.ts';
import type { CliCommand } from './usage.ts';

/** `dlkb schema`: prints the JSON Schema of knowledge files (committed as knowledge/entry.schema.json). */
export const schema: CliCommand = {
  usage: 'schema                       print the JSON Schema of knowledge files',
  run() {
    console.log(JSON.stringify(knowledgeJsonSchema(), null, 2));
    return 0;
  },
};
