/** Files of a reply in the terminal: written to a folder (the current one by default), never over an existing file. */
import { writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ReplyFile } from '../../kernel/reply.ts';

/** A file name that stays inside the folder: no path, no control or reserved characters. */
export function safeFileName(name: string): string {
  const clean = basename(name.replace(/\\/g, '/'))
    .replace(/[\p{Cc}<>:"|?*]/gu, '_')
    .replace(/^\.+/, '');
  return clean === '' ? 'dlkb-export' : clean;
}

/**
 * Writes a file into `dir` as `name`, or `name-1`, `name-2`… when that exists; returns the path written.
 * @throws the file system's error when the folder cannot be written.
 */
export function saveFile(dir: string, file: ReplyFile): string {
  const name = safeFileName(file.name);
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 0; ; n++) {
    const path = join(dir, n === 0 ? name : `${stem}-${n}${ext}`);
    try {
      writeFileSync(path, file.content, { encoding: 'utf8', flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 999) throw error;
    }
  }
}
