/**
 * The parts write `?` placeholders (both engines' SQL); PostgreSQL numbers them `$1, $2, …`. A `?`
 * inside a string literal ('…', E'…' with backslash escapes, $tag$…$tag$), a quoted identifier ("…")
 * or a comment (-- … and nested /* … *\/) is text, not a placeholder, and stays.
 */

/** Where a dollar-quote tag may start: `$` then a letter or `_` (not `$1`), and what may follow. */
const TAG_START = /[A-Za-z_\u0080-\uffff]/;
const TAG_PART = /[A-Za-z0-9_\u0080-\uffff]/;
/** Characters that make a preceding `E` part of an identifier rather than an escape-string prefix. */
const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;

/** The end (exclusive) of a quoted run opened at `start` by `quote`; `''` (or `""`) is an escaped quote. */
function endOfQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
  }
  return sql.length;
}

/** The end of a block comment opened at `start` (PostgreSQL nests them). */
function endOfBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}

/** The dollar-quote tag (`$tag$` or `$$`) at `start`, or undefined when `$` does not open one. */
function dollarTag(sql: string, start: number): string | undefined {
  let i = start + 1;
  if (sql[i] !== '$' && !TAG_START.test(sql[i] ?? '')) return undefined;
  while (i < sql.length && sql[i] !== '$') {
    if (!TAG_PART.test(sql[i] ?? '')) return undefined;
    i += 1;
  }
  return i < sql.length ? sql.slice(start, i + 1) : undefined;
}

/** `sql` with each placeholder `?` numbered `$1 … $n` in order, and how many there were. */
export function numberPlaceholders(sql: string): { text: string; count: number } {
  let out = '';
  let count = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    let end = i + 1;
    if (c === '?') {
      count += 1;
      out += `$${count}`;
      i = end;
      continue;
    }
    if (c === "'") {
      const prefix = sql[i - 1];
      const escaped = (prefix === 'E' || prefix === 'e') && !WORD.test(sql[i - 2] ?? '');
      end = endOfQuoted(sql, i, "'", escaped);
    } else if (c === '"') end = endOfQuoted(sql, i, '"', false);
    else if (c === '-' && sql[i + 1] === '-') {
      const newline = sql.indexOf('\n', i);
      end = newline === -1 ? sql.length : newline + 1;
    } else if (c === '/' && sql[i + 1] === '*') end = endOfBlockComment(sql, i);
    else if (c === '$' && !WORD.test(sql[i - 1] ?? '')) {
      const tag = dollarTag(sql, i);
      if (tag !== undefined) {
        const close = sql.indexOf(tag, i + tag.length);
        end = close === -1 ? sql.length : close + tag.length;
      }
    }
    out += sql.slice(i, end);
    i = end;
  }
  return { text: out, count };
}
