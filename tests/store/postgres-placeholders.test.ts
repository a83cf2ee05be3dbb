/** `?` placeholders numbered `$1 … $n` for PostgreSQL, a `?` in a literal, identifier or comment left as text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberPlaceholders } from '../../src/store/postgres-placeholders.ts';

describe('numberPlaceholders', () => {
  it.each([
    ['SELECT ?', 'SELECT $1', 1],
    ['INSERT INTO t (a, b) VALUES (?,?)', 'INSERT INTO t (a, b) VALUES ($1,$2)', 2],
    ["SELECT '?', ? FROM t WHERE a = 'it''s ?'", "SELECT '?', $1 FROM t WHERE a = 'it''s ?'", 1],
    ['SELECT a AS "why?", ? FROM "t""?"', 'SELECT a AS "why?", $1 FROM "t""?"', 1],
    ['SELECT ? -- what?\n, ?', 'SELECT $1 -- what?\n, $2', 2],
    ['SELECT ? -- trailing?', 'SELECT $1 -- trailing?', 1],
    ['SELECT /* a? /* nested? */ still? */ ?', 'SELECT /* a? /* nested? */ still? */ $1', 1],
    ["SELECT E'\\'?', ?", "SELECT E'\\'?', $1", 1],
    ["SELECT name'?' , ?", "SELECT name'?' , $1", 1],
    ['SELECT $$a?$$, $x$ ? $$ ? $x$, ?', 'SELECT $$a?$$, $x$ ? $$ ? $x$, $1', 1],
    ['SELECT "a$b", ?', 'SELECT "a$b", $1', 1],
    ["SELECT 'unterminated ?", "SELECT 'unterminated ?", 0],
    ['SELECT 1', 'SELECT 1', 0],
  ])('%j', (sql, text, count) => {
    expect(numberPlaceholders(sql)).toEqual({ text, count });
  });

  /** A piece of SQL and what it becomes: placeholders numbered later, the rest kept. */
  const text = fc.string({ unit: fc.constantFrom('a', ' ', '?', '$', '-', '*', '/', '\n', 'x', ',') });
  const quiet = (forbidden: RegExp) => text.map((s) => s.replace(forbidden, ''));
  const piece = fc.oneof(
    fc.constant({ kind: 'placeholder' as const, sql: '?' }),
    fc
      .constantFrom(' ', ', ', ' = ', '(', ')', 'SELECT ', 'col')
      .map((sql) => ({ kind: 'text' as const, sql })),
    text.map((s) => ({ kind: 'text' as const, sql: ` '${s.replaceAll("'", "''")}' ` })),
    text.map((s) => ({ kind: 'text' as const, sql: ` "${s.replaceAll('"', '""')}" ` })),
    quiet(/\n/g).map((s) => ({ kind: 'text' as const, sql: ` --${s}\n` })),
    quiet(/\//g).map((s) => ({ kind: 'text' as const, sql: ` /*${s} */ ` })),
    quiet(/\$/g).map((s) => ({ kind: 'text' as const, sql: ` $q$${s}$q$ ` })),
  );

  it('numbers exactly the placeholders outside literals, identifiers and comments, in order', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        let n = 0;
        const expected = pieces.map((p) => (p.kind === 'placeholder' ? `$${++n}` : p.sql)).join('');
        expect(numberPlaceholders(pieces.map((p) => p.sql).join(''))).toEqual({ text: expected, count: n });
      }),
    );
  });
});
