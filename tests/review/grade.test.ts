/** The key-point rule: must-say share → rating, at every boundary; the mask in a button id. */
import { describe, expect, it } from 'vitest';
import {
  decodeTicks,
  encodeTicks,
  gradeFromPoints,
  type KeyPoint,
  keyPoints,
  mustShare,
  toggle,
} from '../../src/features/review/grade.ts';

/** `n` must-say points followed by `extra` other points. */
function points(n: number, extra = 0): KeyPoint[] {
  return [
    ...Array.from({ length: n }, (_, i) => ({ text: `m${i}`, must: true })),
    ...Array.from({ length: extra }, (_, i) => ({ text: `o${i}`, must: false })),
  ];
}

const first = (k: number) => new Set(Array.from({ length: k }, (_, i) => i));

describe('gradeFromPoints', () => {
  it.each([
    // 4 must-say points: 0, 1 (0.25) again; 2 (0.5) hard; 3 (0.75) good; 4 good (no extras left → easy)
    [4, 0, 1],
    [4, 1, 1],
    [4, 2, 2],
    [4, 3, 3],
    [4, 4, 4],
    // 3: 1 (0.33) again; 2 (0.67) hard
    [3, 1, 1],
    [3, 2, 2],
    [3, 3, 4],
    // 6: 2 (0.33) again; 3 (0.5) hard; 4 (0.67) hard; 5 (0.83) good
    [6, 2, 1],
    [6, 3, 2],
    [6, 4, 2],
    [6, 5, 3],
    [6, 6, 4],
  ])('%i must-say points, %i ticked → grade %i', (n, k, grade) => {
    expect(gradeFromPoints(points(n), first(k))).toBe(grade);
  });

  it('every must-say point but not the others is good; all of them is easy', () => {
    const p = points(4, 2);
    expect(gradeFromPoints(p, first(4))).toBe(3);
    expect(gradeFromPoints(p, first(5))).toBe(3);
    expect(gradeFromPoints(p, first(6))).toBe(4);
  });

  it('other points never make up for a missed must-say one', () => {
    const p = points(4, 4);
    const extras = new Set([4, 5, 6, 7]);
    expect(gradeFromPoints(p, extras)).toBe(1);
    expect(gradeFromPoints(p, new Set([0, 1, ...extras]))).toBe(2);
    expect(gradeFromPoints(p, new Set([0, 1, 2, ...extras]))).toBe(3);
    expect(mustShare(p, new Set([0, ...extras]))).toBe(0.25);
  });
});

describe('keyPoints', () => {
  const answer =
    '- **公式**：a\n- **数值稳定**：b\n```py\n- **not a point**\n```\n- **梯度**：c\n- **常见坑**：d';
  it('are the bold leads in order, must-say as the entry marks them', () => {
    expect(keyPoints({ answer, must: ['公式', '梯度', '常见坑'] })).toEqual([
      { text: '公式', must: true },
      { text: '数值稳定', must: false },
      { text: '梯度', must: true },
      { text: '常见坑', must: true },
    ]);
  });
  it('are all must-say when the entry marks none', () => {
    expect(keyPoints({ answer }).every((p) => p.must)).toBe(true);
  });
});

describe('tick masks', () => {
  it('round-trip every set of 8 points in at most two hex digits', () => {
    for (let bits = 0; bits < 256; bits++) {
      const ticked = new Set([0, 1, 2, 3, 4, 5, 6, 7].filter((i) => bits & (1 << i)));
      const mask = encodeTicks(ticked);
      expect(mask.length).toBeLessThanOrEqual(2);
      expect(decodeTicks(mask, 8)).toEqual(ticked);
    }
  });
  it('refuse masks that are not hex or name points the entry does not have', () => {
    expect(decodeTicks('f', 4)).toEqual(new Set([0, 1, 2, 3]));
    expect(decodeTicks('10', 4)).toBeUndefined();
    expect(decodeTicks('zz', 8)).toBeUndefined();
    expect(decodeTicks('', 8)).toBeUndefined();
    expect(decodeTicks('100', 8)).toBeUndefined();
    expect(decodeTicks(undefined, 8)).toBeUndefined();
  });
  it('toggle flips one point', () => {
    expect(toggle(new Set([1]), 1)).toEqual(new Set());
    expect(toggle(new Set([1]), 2)).toEqual(new Set([1, 2]));
  });
});
