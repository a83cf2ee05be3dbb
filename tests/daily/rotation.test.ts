import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eligibleIds, pickNext, remaining, shuffle } from '../../src/features/daily/rotation.ts';
import type { Rotation } from '../../src/features/daily/store.ts';
import { kb, seeded } from './helpers.ts';

function ask(times: number, eligible: string[], start?: Rotation, category: string | null = null) {
  const random = seeded(1);
  let rotation = start;
  const asked: string[] = [];
  for (let i = 0; i < times; i++) {
    const next = pickNext(rotation, eligible, category, random);
    if (!next) throw new Error('nothing eligible');
    asked.push(next.entryId);
    rotation = next.rotation;
  }
  return { asked, rotation };
}

describe('rotation', () => {
  const all = eligibleIds(kb, null);

  it('asks every eligible entry once per round, then starts a new round in a new order', () => {
    const { asked, rotation } = ask(all.length * 2, all);
    const first = asked.slice(0, all.length);
    const second = asked.slice(all.length);
    expect(new Set(first).size).toBe(all.length);
    expect(new Set(second).size).toBe(all.length);
    expect(second).not.toEqual(first);
    expect(second[0]).not.toBe(first[first.length - 1]);
    expect(rotation?.round).toBe(2);
  });

  it('never repeats within a round, for any pool and seed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), (size, seed) => {
        const pool = Array.from({ length: size }, (_, i) => `e${i}`);
        const random = seeded(seed);
        let rotation: Rotation | undefined;
        const seen = new Set<string>();
        for (let i = 0; i < size; i++) {
          const next = pickNext(rotation, pool, null, random);
          expect(next).not.toBeNull();
          if (!next) return;
          expect(seen.has(next.entryId)).toBe(false);
          seen.add(next.entryId);
          rotation = next.rotation;
        }
        expect(remaining(rotation, pool, null)).toBe(0);
      }),
    );
  });

  it('counts what is left in the round', () => {
    const { rotation } = ask(10, all);
    expect(remaining(rotation, all, null)).toBe(all.length - 10);
    expect(remaining(undefined, all, null)).toBe(all.length);
  });

  it('starts a new round when the category changes, and only asks that category', () => {
    const { rotation } = ask(5, all);
    const ml = eligibleIds(kb, 'ml');
    const { asked, rotation: after } = ask(ml.length, ml, rotation, 'ml');
    expect(new Set(asked)).toEqual(new Set(ml));
    expect(after?.round).toBe(2);
    expect(after?.category).toBe('ml');
  });

  it('adds new entries to the running round and skips removed ones', () => {
    const start: Rotation = { round: 1, category: null, order: ['a', 'gone', 'b'], position: 1 };
    const { asked } = ask(2, ['a', 'b', 'c'], start);
    expect(asked).toEqual(['b', 'c']);
  });

  it('shuffles without losing or duplicating items', () => {
    expect(shuffle(all, seeded(3)).sort()).toEqual([...all].sort());
  });
});
