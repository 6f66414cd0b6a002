import { describe, expect, it } from 'vitest';
import { unionOf } from './intervals';

/**
 * The sort-and-merge union unionOf replaced (reference). Empty and NaN intervals are dropped
 * before sorting: a NaN start made its comparator inconsistent (the sweep has no comparator).
 */
function reference(starts: number[], ends: number[]): number[] {
  const order = starts
    .map((_, i) => i)
    .filter((i) => ends[i]! > starts[i]!)
    .sort((a, b) => starts[a]! - starts[b]!);
  const out: number[] = [];
  for (const i of order) {
    const s = starts[i]!;
    const e = ends[i]!;
    if (!(e > s)) continue;
    const last = out.length - 1;
    if (last > 0 && s <= out[last]!) {
      if (e > out[last]!) out[last] = e;
    } else out.push(s, e);
  }
  return out;
}

describe('unionOf', () => {
  it('is the sort-and-merge union on random, touching, nested, empty and NaN intervals', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const n = Math.floor(rnd() * 60);
      const grid = 1 + Math.floor(rnd() * 40); // small grids make ties and touching ends common
      const starts: number[] = [];
      const ends: number[] = [];
      for (let i = 0; i < n; i++) {
        const s = Math.floor(rnd() * grid);
        const r = rnd();
        starts.push(r < 0.03 ? NaN : s);
        ends.push(r > 0.97 ? s : r > 0.94 ? s - 1 : s + Math.floor(rnd() * grid * 0.3) + 1);
      }
      expect(Array.from(unionOf(starts, ends)), `round ${round}`).toEqual(reference(starts, ends));
    }
  });
  it('merges touching intervals and drops empty ones', () => {
    expect(Array.from(unionOf([0, 5, 5, 20], [5, 10, 5, 30]))).toEqual([0, 10, 20, 30]);
    expect(Array.from(unionOf([], []))).toEqual([]);
    expect(Array.from(unionOf([3, 1], [3, 1]))).toEqual([]);
  });
});
