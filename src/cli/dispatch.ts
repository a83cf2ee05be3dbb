/** Picks the `dlkb` subcommand named on the command line and runs it: the CLI without the process. */
import { chat } from './chat.ts';
import { check } from './check.ts';
import { deployCommandsCli } from './deploy-commands.ts';
import { exportCli } from './export.ts';
import { list } from './list.ts';
import { migrateStoreCli } from './migrate-store.ts';
import { reportsCli } from './reports.ts';
import { schema } from './schema.ts';
import { search } from './search.ts';
import { show } from './show.ts';
import { type CliCommand, type CliIo, processIo, UsageError } from './usage.ts';

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
  'migrate-store': migrateStoreCli,
};

function usage(): string {
  return [
    'usage: npm run --silent dlkb -- <command> [options]',
    '',
    ...Object.values(commands).map((c) => `  ${c.usage}`),
  ].join('\n');
}

/**
 * Runs `dlkb <argv…>` in this process; resolves to the exit code (2 for bad usage, printed with the
 * usage on stderr). Messages go through `console`; streams through `io`.
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
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
    return await command.run(args, io);
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
