/** Errors and usage text shared by the CLI subcommands. */

/** A mistake in how the CLI was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One `dlkb <name>` subcommand. */
export interface CliCommand {
  /** One line: arguments and what it does. */
  usage: string;
  /** Runs the subcommand; resolves to the process exit code. */
  run(args: string[]): Promise<number> | number;
}
