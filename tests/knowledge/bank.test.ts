/**
 * The multiple-choice bank's rules that a machine can check (issue: quiz chats):
 * counts per entry, balanced positions of the right option, no giveaway by length,
 * no repeated stems, and the Telegram quiz-poll limits (the loader enforces those per item).
 */
import { describe, expect, it } from 'vitest';
import { bankStats, minimumChoices } from '../../src/features/knowledge/bank.ts';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { CHOICE_LETTERS, CHOICE_LIMITS } from '../../src/features/knowledge/schema.ts';

const kb = loadKnowledge();
const stats = bankStats(kb.entries);
const items = kb.entries.flatMap((e) => (e.choices ?? []).map((c) => ({ entry: e, ...c })));

describe('the multiple-choice bank', () => {
  it('gives every entry at least 3 items, and hard entries at least 4', () => {
    expect(stats.short).toEqual([]);
    for (const e of kb.entries) expect(e.choices?.length ?? 0).toBeGreaterThanOrEqual(minimumChoices(e));
    expect(stats.items).toBeGreaterThanOrEqual(342);
  });

  it('puts the right option at each of A–D for 20–30 % of the items', () => {
    for (const letter of CHOICE_LETTERS) {
      expect(stats.position[letter], letter).toBeGreaterThanOrEqual(0.2);
      expect(stats.position[letter], letter).toBeLessThanOrEqual(0.3);
    }
  });

  it('does not give the answer away by length: the right option is the longest in at most 35 %', () => {
    expect(stats.longestIsRight).toBeLessThanOrEqual(0.35);
  });

  it('never repeats a stem', () => {
    expect(stats.repeatedStems).toEqual([]);
  });

  it('fits every item into a Telegram quiz poll', () => {
    for (const item of items) {
      expect(item.stem.length, item.entry.id).toBeLessThanOrEqual(CHOICE_LIMITS.stem);
      for (const o of item.options) expect(o.length, item.entry.id).toBeLessThanOrEqual(CHOICE_LIMITS.option);
      expect(item.explanation.length, item.entry.id).toBeLessThanOrEqual(CHOICE_LIMITS.explanation);
      expect(item.explanation.split('\n').length - 1).toBeLessThanOrEqual(CHOICE_LIMITS.explanationBreaks);
    }
  });

  it('has no filler options and no option repeated within an item', () => {
    for (const item of items) {
      expect(new Set(item.options).size, item.stem).toBe(4);
      for (const o of item.options)
        expect(o, item.stem).not.toMatch(/以上(都|皆|均)|(all|none) of the above/i);
    }
  });

  it('gives every entry 3–6 must-say key points', () => {
    for (const e of kb.entries) {
      expect(e.must?.length ?? 0, e.id).toBeGreaterThanOrEqual(3);
      expect(e.must?.length ?? 0, e.id).toBeLessThanOrEqual(6);
    }
  });
});
