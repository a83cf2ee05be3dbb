/**
 * Where the running code and its data live, the same whether dlkb runs its TypeScript sources (tsx,
 * vitest) or the compiled build in `dist/` (`npm run build`, plain node).
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the nearest folder at or above `from` (a file URL or path) holding a
 * `package.json`. The build emits none into `dist/`, so compiled code finds the checkout (or `/app`
 * in the Docker image) just as the sources do.
 * @throws Error when no folder up to the file-system root has one.
 */
export function findProjectRoot(from: string | URL = import.meta.url): string {
  let dir = dirname(from instanceof URL || from.startsWith('file:') ? fileURLToPath(from) : from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json in any folder above ${String(from)}`);
    dir = parent;
  }
}

/** The project root of this checkout (see findProjectRoot). */
export const PROJECT_ROOT = findProjectRoot();

/**
 * The extension of this module's own file: `.ts` when running the sources, `.js` when running the
 * build. Modules loaded by path at run time (the command files) are the ones with this extension.
 */
export const MODULE_EXTENSION: '.ts' | '.js' =
  extname(fileURLToPath(import.meta.url)) === '.js' ? '.js' : '.ts';
