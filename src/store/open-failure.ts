/** The message an admin reads when the SQLite file cannot be opened: what went wrong and what to do. */

/** What went wrong opening the file, and what the admin should do about it. */
export function openFailureMessage(error: unknown, file: string): string {
  const code = String((error as { code?: unknown }).code ?? '');
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return `${file} is not a dlkb database or is damaged (${detail}). Stop dlkb, move the file away (e.g. to ${file}.broken) and start again for an empty one, or restore a backup.`;
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED') {
    return `${file} is in use by another process (another dlkb on the same DLKB_DATA_DIR?). Stop it, or give this one its own DLKB_DATA_DIR.`;
  }
  if (
    code === 'SQLITE_CANTOPEN' ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_PERM' ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_FULL'
  ) {
    return `Cannot write ${file} (${code}: ${detail}). Check that the folder and file exist, are writable by this user and the disk is not full, or set DLKB_DATA_DIR to a writable folder.`;
  }
  return `Cannot open ${file} (${code || 'error'}: ${detail}). Check the file, or set DLKB_DATA_DIR to another folder.`;
}
