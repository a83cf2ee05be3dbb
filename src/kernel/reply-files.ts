/** Keeping a reply's files within a platform's upload limit (Discord attachments, Telegram documents). */
import type { Translate } from './i18n.ts';
import { fileBytes, type Reply } from './reply.ts';

/** What a platform accepts in one reply. */
export interface UploadLimit {
  /** Largest single file, in bytes. */
  perFile: number;
  /** Largest total of the files of one message, in bytes. */
  total: number;
  /** Most files in one message. */
  count: number;
}

/** A byte count for people: `812 B`, `3.4 KB`, `12.0 MB` (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The reply as a platform can send it: unchanged when its files fit the limit; otherwise without its
 * files and with the `export.tooLarge` message (the size and the limit, and where to export instead)
 * added to the body, so nothing is sent half.
 */
export function fitFiles(reply: Reply, limit: UploadLimit, t: Translate): Reply {
  const files = reply.files ?? [];
  if (files.length === 0) return reply;
  const sizes = files.map(fileBytes);
  const total = sizes.reduce((a, b) => a + b, 0);
  const largest = Math.max(...sizes);
  if (files.length <= limit.count && largest <= limit.perFile && total <= limit.total) return reply;
  const over = largest > limit.perFile ? largest : total;
  const max = largest > limit.perFile ? limit.perFile : limit.total;
  const note = t('export.tooLarge', { size: formatBytes(over), limit: formatBytes(max) });
  const { files: _dropped, ...rest } = reply;
  return { ...rest, body: rest.body ? `${rest.body}\n\n${note}` : note };
}
