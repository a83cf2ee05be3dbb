import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppStore } from '../../src/app/store.ts';
import { ANKI_HEADERS, ankiDeck, markdownToHtml } from '../../src/features/export/anki.ts';
import { csvField, historyCsv } from '../../src/features/export/history-csv.ts';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { hasHistory } from '../../src/features/review/history.ts';
import { MemoryReviews } from '../../src/features/review/memory.ts';

const kb = loadKnowledge();

/** Reads an Anki text file the way its importer does for these headers: `#` lines, then tab-separated notes. */
function parseDeck(text: string): {
  headers: string[];
  notes: { front: string; back: string; tags: string[] }[];
} {
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  const headers = lines.filter((l) => l.startsWith('#'));
  const notes = lines
    .filter((l) => !l.startsWith('#'))
    .map((l) => {
      const fields = l.split('\t');
      expect(fields).toHaveLength(3);
      // A field starting with a quote would be read as a quoted CSV field.
      for (const f of fields) expect(f.startsWith('"')).toBe(false);
      const [front = '', back = '', tags = ''] = fields;
      return { front, back, tags: tags.split(' ') };
    });
  return { headers, notes };
}

const VOID = new Set(['br', 'hr']);

/** Tags are balanced and properly nested; returns the first problem, or null. */
function htmlProblem(html: string): string | null {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>|<|>/g)) {
    if (m[2] === undefined) return `stray ${m[0]} at ${m.index}`;
    const name = m[2];
    if (VOID.has(name)) continue;
    if (m[1] === '') stack.push(name);
    else if (stack.pop() !== name) return `</${name}> at ${m.index} closes nothing open`;
  }
  if (stack.length > 0) return `unclosed <${stack.join('>, <')}>`;
  // Every & starts a character reference.
  if (/&(?!(?:amp|lt|gt|quot|#39|#9);)/.test(html)) return 'bare &';
  return null;
}

function unescapeHtml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#9;/g, '\t')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('Anki export', () => {
  const text = ankiDeck(kb.entries);
  const { headers, notes } = parseDeck(text);

  it('starts with the file headers Anki reads', () => {
    expect(headers).toEqual([...ANKI_HEADERS]);
    expect(text.startsWith('#separator:tab\n#html:true\n#tags column:3\n')).toBe(true);
  });

  it('parses back into the same cards', () => {
    expect(notes).toHaveLength(kb.entries.length);
    notes.forEach((note, i) => {
      const entry = kb.entries[i];
      expect(entry).toBeDefined();
      if (!entry) return;
      expect(unescapeHtml(note.front)).toBe(entry.question);
      expect(note.tags).toEqual([entry.category, entry.difficulty]);
      expect(note.back.startsWith(markdownToHtml(entry.answer))).toBe(true);
    });
  });

  it('keeps every reference link of the knowledge base exactly', () => {
    const hrefs = notes.flatMap((n) =>
      [...n.back.matchAll(/href="([^"]*)"/g)].map((m) => unescapeHtml(m[1] ?? '')),
    );
    expect(new Set(hrefs)).toEqual(kb.referenceUrls());
    notes.forEach((note, i) => {
      const urls = [...note.back.matchAll(/href="([^"]*)"/g)].map((m) => unescapeHtml(m[1] ?? ''));
      expect(urls).toEqual(kb.entries[i]?.references.map((r) => r.url));
    });
  });

  it('writes well-formed HTML in every field', () => {
    for (const note of notes) {
      expect(htmlProblem(note.front)).toBeNull();
      expect(htmlProblem(note.back)).toBeNull();
    }
  });

  it('exports a category alone', () => {
    const category = kb.categories[0]?.id ?? '';
    const { notes: some } = parseDeck(ankiDeck(kb.filter({ category })));
    expect(some.length).toBe(kb.inCategory(category).length);
    expect(some.every((n) => n.tags[0] === category)).toBe(true);
  });
});

describe('Markdown to HTML', () => {
  it('converts bold, code, lists, code blocks and line breaks, escaping the text', () => {
    const html = markdownToHtml(
      'a **b** `x<y`\nnext\n\n- one\n- two & "three"\n\n```python\nif a\tb:\n    pass\n```',
    );
    expect(html).toBe(
      '<div>a <b>b</b> <code>x&lt;y</code><br>next</div><ul><li>one</li><li>two &amp; &quot;three&quot;</li></ul>' +
        '<pre><code class="language-python">if a&#9;b:<br>    pass</code></pre>',
    );
    expect(htmlProblem(html)).toBeNull();
    expect(html).not.toMatch(/[\t\n]/);
  });

  it('keeps an ordered list start', () => {
    expect(markdownToHtml('3. c\n4. d')).toBe('<ol start="3"><li>c</li><li>d</li></ol>');
  });
});

describe('review history CSV', () => {
  it('lists one person’s rated cards, oldest first, with ISO dates and rating names', async () => {
    const reviews = new MemoryReviews();
    const base = Date.UTC(2026, 11, 1, 8);
    const put = (userKey: string, entryId: string, lastRating: number, at: number) =>
      reviews.put({
        userKey,
        entryId,
        card: '{}',
        due: at + 86_400_000,
        reps: 2,
        lastRating,
        updatedAt: at,
      });
    await put('telegram:1', 'b', 4, base + 1000);
    await put('telegram:1', 'a', 1, base);
    await put('discord:2', 'c', 3, base);
    expect(hasHistory(reviews)).toBe(true);
    const csv = historyCsv(await reviews.records('telegram:1'), (id) =>
      id === 'a' ? 'Why "a", really?' : '',
    );
    expect(csv).toBe(
      'card,question,date,rating,reviews,due\r\n' +
        'a,"Why ""a"", really?",2026-12-01T08:00:00.000Z,again,2,2026-12-02T08:00:00.000Z\r\n' +
        'b,,2026-12-01T08:00:01.000Z,easy,2,2026-12-02T08:00:01.000Z\r\n',
    );
  });

  it('quotes only fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('reads the same records from SQLite as from memory', async () => {
    const store = openAppStore(mkdtempSync(join(tmpdir(), 'dlkb-export-')));
    const memory = new MemoryReviews();
    const base = Date.UTC(2026, 11, 1);
    for (const [i, id] of ['x', 'y', 'z'].entries()) {
      const record = {
        userKey: 'discord:7',
        entryId: id,
        card: '{}',
        due: base,
        reps: 1,
        lastRating: 3,
        updatedAt: base - i,
      };
      await store.reviews.put(record);
      await memory.put(record);
    }
    await store.reviews.put({
      userKey: 'discord:8',
      entryId: 'x',
      card: '{}',
      due: base,
      reps: 1,
      lastRating: 2,
      updatedAt: base,
    });
    expect(hasHistory(store.reviews)).toBe(true);
    if (hasHistory(store.reviews)) {
      expect(await store.reviews.records('discord:7')).toEqual(await memory.records('discord:7'));
      expect((await store.reviews.records('discord:7')).map((r) => r.entryId)).toEqual(['z', 'y', 'x']);
    }
    await store.close();
  });
});
