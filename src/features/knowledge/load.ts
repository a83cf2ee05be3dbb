/**
 * Loads and validates the knowledge files. Every problem in every file is collected,
 * located (file, line, entry id, field) and reported together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { PROJECT_ROOT } from '../../kernel/paths.ts';
import { KnowledgeBase } from './base.ts';
import { KnowledgeError, type KnowledgeIssue } from './errors.ts';
import { type Category, type Entry, knowledgeFileSchema, walkFollowUps } from './schema.ts';

/** The knowledge directory of this checkout: data, read from the project root by sources and build alike. */
export const DEFAULT_KNOWLEDGE_DIR = join(PROJECT_ROOT, 'knowledge/');

interface ParsedFile {
  category: Category;
  entries: Entry[];
  /** Line of each entry's id, for cross-file checks. */
  idLines: number[];
}

/** Parses and validates one knowledge file's text; issues are pushed, never thrown. */
export function parseKnowledgeFile(
  file: string,
  source: string,
  issues: KnowledgeIssue[],
): ParsedFile | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true });
  const lineOf = (node: unknown): number => {
    const range = (node as Node | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : 1;
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      issues.push({
        file,
        line: error.linePos?.[0].line ?? 1,
        field: '(yaml)',
        message: error.message.split('\n')[0] ?? error.message,
      });
    }
    return null;
  }
  const data: unknown = doc.toJS();
  const result = knowledgeFileSchema.safeParse(data);
  const entriesNode = doc.get('entries', true);
  const entryNodes = isSeq(entriesNode) ? entriesNode.items : [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const entryIndex = path[0] === 'entries' && typeof path[1] === 'number' ? path[1] : undefined;
      const entryNode = entryIndex === undefined ? undefined : entryNodes[entryIndex];
      const rawId = isMap(entryNode) ? entryNode.get('id') : undefined;
      // Find the deepest node that exists on the path, for the line number.
      let node: unknown;
      for (let depth = path.length; depth > 0 && node === undefined; depth--) {
        node = doc.getIn(path.slice(0, depth), true);
      }
      const missing =
        path.length > 0 && issue.code !== 'unrecognized_keys' && doc.getIn(path, true) === undefined;
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const fields =
        unknownKeys.length > 0
          ? unknownKeys.map((k) => [...path, k].join('.'))
          : [path.join('.') || '(root)'];
      for (const field of fields) {
        issues.push({
          file,
          line: lineOf(
            unknownKeys.length > 0 && isMap(node) ? node.get(field.split('.').pop() ?? '', true) : node,
          ),
          entryId: typeof rawId === 'string' ? rawId : undefined,
          field,
          message:
            unknownKeys.length > 0 ? 'unknown field' : missing ? 'required field is missing' : issue.message,
        });
      }
    }
    return null;
  }
  const category = result.data.category;
  return {
    category,
    entries: result.data.entries.map((e) => ({ ...e, category: category.id })),
    idLines: entryNodes.map((n) => lineOf(isMap(n) ? n.get('id', true) : n)),
  };
}

/** Follow-ups whose `see` names no entry, located at their entry (`where` maps ids to `file:line`). */
function unknownSees(entries: readonly Entry[], where: ReadonlyMap<string, string>): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  for (const entry of entries) {
    for (const { followup } of walkFollowUps(entry.followups)) {
      if (!followup.see || where.has(followup.see)) continue;
      const [file = '', line = '1'] = (where.get(entry.id) ?? '').split(/:(?=\d+$)/);
      issues.push({
        file,
        line: Number(line),
        entryId: entry.id,
        field: 'followups',
        message: `follow-up "${followup.id}" sees "${followup.see}", which is not an entry`,
      });
    }
  }
  return issues;
}

/**
 * Loads every `*.yaml` file of a directory into a knowledge base.
 * @throws KnowledgeError listing every problem, when anything is wrong.
 */
export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeBase {
  const issues: KnowledgeIssue[] = [];
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
      .sort();
  } catch (cause) {
    throw new KnowledgeError(
      [{ file: dir, line: 1, field: '(dir)', message: 'cannot read the knowledge directory' }],
      { cause },
    );
  }
  if (names.length === 0)
    issues.push({ file: dir, line: 1, field: '(dir)', message: 'no .yaml files found' });
  const display = (name: string) => relative(process.cwd(), join(dir, name)) || name;
  const categories: Category[] = [];
  const entries: Entry[] = [];
  const seenIds = new Map<string, string>();
  const seenCategories = new Map<string, string>();
  for (const name of names) {
    const file = display(name);
    const parsed = parseKnowledgeFile(file, readFileSync(join(dir, name), 'utf8'), issues);
    if (!parsed) continue;
    const otherCategory = seenCategories.get(parsed.category.id);
    if (otherCategory) {
      issues.push({
        file,
        line: 2,
        field: 'category.id',
        message: `category "${parsed.category.id}" is also defined in ${otherCategory}`,
      });
    }
    seenCategories.set(parsed.category.id, file);
    categories.push(parsed.category);
    parsed.entries.forEach((entry, i) => {
      const line = parsed.idLines[i] ?? 1;
      const where = `${file}:${line}`;
      const other = seenIds.get(entry.id);
      if (other) {
        issues.push({
          file,
          line,
          entryId: entry.id,
          field: `entries.${i}.id`,
          message: `duplicate id, first defined at ${other}`,
        });
      } else {
        seenIds.set(entry.id, where);
      }
      entries.push(entry);
    });
  }
  issues.push(...unknownSees(entries, seenIds));
  if (issues.length > 0) throw new KnowledgeError(issues);
  return new KnowledgeBase(categories, entries);
}
