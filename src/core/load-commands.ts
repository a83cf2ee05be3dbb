/** Loads every command of the `commands/` folder: adding a command is adding a file there. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from './command.ts';

/** The `commands/` folder of this checkout. */
export const COMMANDS_DIR = new URL('../../commands/', import.meta.url).pathname;

function isCommand(value: unknown): value is Command {
  const v = value as Partial<Command> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.name === 'string' &&
    (typeof v.run === 'function' || typeof v.subcommands === 'object')
  );
}

/**
 * Imports each `*.ts` file of the folder and takes its default export, in file-name order.
 * @throws Error naming the file when one has no command as default export or reuses a name.
 */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Command[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
  const commands: Command[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
    const command = mod.default;
    if (!isCommand(command))
      throw new Error(`${join(dir, file)}: the default export must be a command (defineCommand)`);
    if (commands.some((c) => c.name === command.name))
      throw new Error(`${join(dir, file)}: command name "${command.name}" is used twice`);
    commands.push(command);
  }
  return commands;
}
