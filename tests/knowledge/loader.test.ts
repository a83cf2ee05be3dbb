import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { KnowledgeError, type KnowledgeIssue } from '../../src/features/knowledge/errors.ts';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { knowledgeJsonSchema } from '../../src/features/knowledge/schema.ts';

const SEED = '/work/shared/seed/awesome-deeplearning-knowledge.md';
const seedPath = [
  new URL('../../../shared/seed/awesome-deeplearning-knowledge.md', import.meta.url).pathname,
  SEED,
];

const VALID = `category:
  id: demo
  name: 演示
  name_en: Demo
entries:
  - id: first
    difficulty: easy
    tags: [demo]
    question: 第一题是什么？
    title_en: What is the first question?
    aliases: [first, 第一]
    answer: |
      - one
      - two
      - three
    references:
      - url: https://example.com/a
`;

/** Writes files into a fresh directory and loads it, returning the issues (empty when it loads). */
function issuesOf(files: Record<string, string>): KnowledgeIssue[] {
  const dir = mkdtempSync(join(tmpdir(), 'dlkb-kb-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  try {
    loadKnowledge(dir);
    return [];
  } catch (error) {
    if (error instanceof KnowledgeError) return [...error.issues];
    throw error;
  }
}

describe('the committed knowledge base', () => {
  const kb = loadKnowledge();

  it('has the 114 entries of the seed in 10 categories', () => {
    expect(kb.entries).toHaveLength(114);
    expect(kb.categories).toHaveLength(10);
  });

  it('keeps all 151 distinct reference URLs of the seed, exactly as written', () => {
    const seed = readFileSync(
      seedPath.find((p) => {
        try {
          readFileSync(p);
          return true;
        } catch {
          return false;
        }
      }) ?? SEED,
      'utf8',
    );
    const seedUrls = new Set(seed.match(/https?:\/\/[^\s（）()]+/g));
    expect(seedUrls.size).toBe(151);
    expect(kb.referenceUrls()).toEqual(seedUrls);
  });

  it('gives every entry a short ASCII id that fits in button data', () => {
    for (const e of kb.entries)
      expect(Buffer.byteLength(`quiz:ans:${e.id}:deep-learning:medium`)).toBeLessThanOrEqual(64);
  });

  it('fixes the seed typos and keeps them as aliases', () => {
    const bottleneck = kb.get('bottleneck');
    expect(bottleneck?.question).not.toMatch(/Nottleneck/);
    expect(bottleneck?.aliases.join(' ')).toMatch(/Nottleneck/i);
    const roi = kb.get('roi-pool-align');
    expect(roi?.question).not.toMatch(/Wraping/);
    expect(roi?.aliases.join(' ')).toMatch(/Wraping/i);
  });

  it('commits the JSON Schema generated from the loader schema', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../knowledge/entry.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(knowledgeJsonSchema());
  });

  it('references the schema from every knowledge file', () => {
    for (const c of kb.categories) {
      const text = readFileSync(new URL(`../../knowledge/${c.id}.yaml`, import.meta.url), 'utf8');
      expect(text.startsWith('# yaml-language-server: $schema=./entry.schema.json')).toBe(true);
    }
  });
});

describe('loader errors name the file, line, entry and field', () => {
  it('accepts a valid file', () => {
    expect(issuesOf({ 'demo.yaml': VALID })).toEqual([]);
  });

  it('reports broken YAML with its line', () => {
    const issues = issuesOf({ 'demo.yaml': VALID.replace('tags: [demo]', 'tags: [demo') });
    expect(issues[0]?.field).toBe('(yaml)');
    expect(issues[0]?.file).toMatch(/demo\.yaml$/);
    expect(issues[0]?.line).toBeGreaterThan(1);
  });

  it('reports a missing answer at the entry', () => {
    const text = VALID.replace(/ {4}answer: \|\n( {6}- .*\n)+/, '');
    const [issue] = issuesOf({ 'demo.yaml': text });
    expect(issue).toMatchObject({
      entryId: 'first',
      field: 'entries.0.answer',
      message: 'required field is missing',
      line: 6,
    });
  });

  it('reports an unknown field on its own line', () => {
    const [issue] = issuesOf({
      'demo.yaml': VALID.replace('    tags: [demo]', '    tags: [demo]\n    colour: red'),
    });
    expect(issue).toMatchObject({
      entryId: 'first',
      field: 'entries.0.colour',
      message: 'unknown field',
      line: 9,
    });
  });

  it('reports a bad enum value', () => {
    const [issue] = issuesOf({ 'demo.yaml': VALID.replace('difficulty: easy', 'difficulty: trivial') });
    expect(issue).toMatchObject({ entryId: 'first', field: 'entries.0.difficulty', line: 7 });
  });

  it('reports a malformed URL', () => {
    const [issue] = issuesOf({ 'demo.yaml': VALID.replace('https://example.com/a', 'example dot com') });
    expect(issue).toMatchObject({ entryId: 'first', field: 'entries.0.references.0.url', line: 17 });
  });

  it('reports an answer with too few bullets, and links inside answers', () => {
    expect(issuesOf({ 'demo.yaml': VALID.replace('      - three\n', '') })[0]?.field).toBe(
      'entries.0.answer',
    );
    const linked = VALID.replace('- three', '- see [x](https://example.com)');
    expect(issuesOf({ 'demo.yaml': linked })[0]?.message).toMatch(/links belong in references/);
  });

  it('reports an id that is not a short slug', () => {
    const [issue] = issuesOf({ 'demo.yaml': VALID.replace('id: first', 'id: First_Entry') });
    expect(issue).toMatchObject({ field: 'entries.0.id', line: 6 });
  });

  it('reports duplicate ids across files, naming where the first one is', () => {
    const other = VALID.replace('id: demo', 'id: other');
    const issues = issuesOf({ 'a.yaml': VALID, 'b.yaml': other });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ entryId: 'first', field: 'entries.0.id' });
    expect(issues[0]?.message).toMatch(/duplicate id, first defined at .*a\.yaml:6/);
  });

  it('lists every error of every file instead of dropping the bad entry', () => {
    const issues = issuesOf({
      'a.yaml': VALID.replace('difficulty: easy', 'difficulty: x'),
      'b.yaml': VALID.replace('id: demo', 'id: other')
        .replace('id: first', 'id: second')
        .replace('    question: 第一题是什么？\n', ''),
    });
    expect(issues.map((i) => i.field).sort()).toEqual(['entries.0.difficulty', 'entries.0.question']);
  });

  it('reports a multiple-choice item over a Telegram quiz-poll limit at its field', () => {
    const choice = (explanation: string, option = '训练时累积的滑动平均') => `    choices:
      - stem: 推理时 BN 用什么统计量？
        options: [${option}, 当前 batch 的统计量, 最后一个 batch 的统计量, 不做归一化]
        answer: A
        explanation: ${explanation}
`;
    const withChoice = (c: string) => VALID.replace('    references:', `${c}    references:`);
    expect(issuesOf({ 'demo.yaml': withChoice(choice('eval 模式用 running 统计量。')) })).toEqual([]);
    const [long] = issuesOf({ 'demo.yaml': withChoice(choice('长'.repeat(201))) });
    expect(long).toMatchObject({
      entryId: 'first',
      field: 'entries.0.choices.0.explanation',
      line: 20,
    });
    expect(long?.message).toMatch(/200/);
    const [filler] = issuesOf({ 'demo.yaml': withChoice(choice('x', '以上都对')) });
    expect(filler).toMatchObject({ field: 'entries.0.choices.0.options.0' });
  });

  it('reports a must-say point that is not a bold lead of the answer', () => {
    const bold = VALID.replace('- one', '- **公式**：a')
      .replace('- two', '- **梯度**：b')
      .replace('- three', '- **常见坑**：c');
    const must = (points: string) =>
      bold.replace('    references:', `    must: [${points}]\n    references:`);
    expect(issuesOf({ 'demo.yaml': must('公式, 梯度, 常见坑') })).toEqual([]);
    const [issue] = issuesOf({ 'demo.yaml': must('公式, 梯度, 数值稳定') });
    expect(issue).toMatchObject({ entryId: 'first', field: 'entries.0.must.2' });
    expect(issue?.message).toMatch(/数值稳定.*bold lead/);
  });

  it('reports follow-ups that nest too deep, repeat an id, or see an entry that does not exist', () => {
    type F = { id: string; q: string; answer: string; see?: string; followups?: F[] };
    const fu = (id: string, more: Partial<F> = {}): F => ({
      id,
      q: '为什么？',
      answer: '- a\n- b\n- c\n',
      ...more,
    });
    const withFollowUps = (followups: F[]) =>
      VALID.replace(
        '    references:',
        `${stringify({ followups }).replace(/^/gm, '    ').trimEnd()}\n    references:`,
      );
    expect(issuesOf({ 'demo.yaml': withFollowUps([fu('why'), fu('when')]) })).toEqual([]);
    const deep = fu('one', {
      followups: [fu('two', { followups: [fu('three', { followups: [fu('four')] })] })],
    });
    expect(issuesOf({ 'demo.yaml': withFollowUps([deep, fu('other')]) })[0]?.message).toMatch(
      /"four" is nested 4 deep/,
    );
    expect(issuesOf({ 'demo.yaml': withFollowUps([fu('why'), fu('why')]) })[0]?.message).toMatch(
      /used twice/,
    );
    const [see] = issuesOf({ 'demo.yaml': withFollowUps([fu('why', { see: 'nowhere' }), fu('when')]) });
    expect(see).toMatchObject({ entryId: 'first', field: 'followups', line: 6 });
    expect(see?.message).toMatch(/"nowhere", which is not an entry/);
  });
});
