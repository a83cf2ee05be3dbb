#!/usr/bin/env -S npx tsx
/**
 * The `dlkb` command line: `npm run --silent dlkb -- <command> [args]`.
 * Each subcommand lives in its own file; this one only dispatches.
 */
import { chat } from './chat.ts';
import { check } from './check.ts';
import { deployCommandsCli } from './deploy-commands.ts';
import { exportCli } from './export.ts';
import { list } from './list.ts';
import { reportsCli } from './reports.ts';
import { schema } from './schema.ts';
import { search } from './search.ts';
import { show } from './show.ts';
import { type CliCommand, UsageError } from './usage.ts';

const commands: Record<string, CliCommand> = {
  check,
  list,
  show,
  search,
  chat,
  schema,
  export: exportCli,
  reports: reportsCli,
  'deploy-commands': deployCommandsCli,
};

function usage(): string {
  return [
    'usage: npm run --silent dlkb -- <command> [options]',
    '',
    ...Object.values(commands).map((c) => `  ${c.usage}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(`dlkb: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    // parseArgs throws TypeErrors with a code for unknown or malformed options.
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(
        `dlkb ${name}: ${(error as Error).message}\n\nusage: npm run --silent dlkb -- ${command.usage}`,
      );
      return 2;
    }
    throw error;
  }
}

// `dlkb list | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2));
