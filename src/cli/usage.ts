/** Errors, usage text and the streams shared by the CLI subcommands. */

/** A mistake in how the CLI was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The streams a subcommand reads and writes besides `console` (tests pass their own). */
export interface CliIo {
  /** Queries for batch search, lines for the chat. */
  stdin: NodeJS.ReadableStream;
  /** Raw output (an Anki deck, the chat); `isTTY` turns terminal styles on. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The process's own streams: what `dlkb` uses when run from a shell. */
export const processIo: CliIo = { stdin: process.stdin, stdout: process.stdout };

/** One `dlkb <name>` subcommand. */
export interface CliCommand {
  /** One line: arguments and what it does. */
  usage: string;
  /** Runs the subcommand (with `processIo` when `io` is left out); resolves to the process exit code. */
  run(args: string[], io?: CliIo): Promise<number> | number;
}
