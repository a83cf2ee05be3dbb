/** Loads every command of the `commands/` folder: adding a command is adding a file there. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from './command.ts';
import { MODULE_EXTENSION } from './paths.ts';

/**
 * The `commands/` folder beside this code: the sources' `commands/`, or the compiled `dist/commands/`
 * when running the build.
 */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

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
 * Imports each `*.ts` file of the folder (`*.js` when running the build) and takes its default export,
 * in file-name order.
 * @throws Error naming the file when one has no command as default export or reuses a name.
 */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Command[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(MODULE_EXTENSION) && !f.endsWith('.d.ts'))
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
