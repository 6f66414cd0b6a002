import { describe, expect, it } from 'vitest';
import { joinResult, PartsJoiner, splitResult } from './result-parts';

const big = () => ({
  trace: {
    strings: Array.from({ length: 5000 }, (_, i) => `s${i}`),
    tracks: Array.from({ length: 2500 }, (_, i) => ({ id: i, names: ['a', 'b'] })),
    start: new Float64Array([1, 2, 3]),
  },
  small: [1, 2, 3],
});

describe('result parts', () => {
  it('split then joined gives the value back (typed arrays untouched)', () => {
    const v = big();
    const { skeleton, paths, parts } = splitResult(v, 1000);
    expect(parts.length).toBe(5 + 3);
    expect(joinResult(skeleton, paths, parts)).toEqual(v);
  });

  it('joins each part when it arrives: the result message only puts the joined arrays in place', () => {
    const v = big();
    const { skeleton, paths, parts } = splitResult(structuredClone(v), 1000);
    const joiner = new PartsJoiner();
    const first = new Map<number, unknown[]>();
    for (const p of parts) {
      const received = structuredClone(p); // as the page receives each message
      if (!first.has(p.id)) first.set(p.id, received.items);
      joiner.add(received);
    }
    // Before the result arrives, the first part of each array already holds every item.
    const strings = first.get(paths.findIndex((p) => p.join('.') === 'trace.strings'))!;
    expect(strings).toHaveLength(5000);
    const out = joiner.finish(structuredClone(skeleton), paths) as ReturnType<typeof big>;
    // finish() copies nothing: the arrays are the ones joined on arrival.
    expect(out.trace.strings).toBe(strings);
    expect(out).toEqual(v);
  });

  it('a split root array comes back rebuilt', () => {
    const v = Array.from({ length: 2500 }, (_, i) => i);
    const { skeleton, paths, parts } = splitResult(v, 1000);
    const joiner = new PartsJoiner();
    for (const p of parts) joiner.add(p);
    expect(joiner.finish(skeleton, paths)).toEqual(v);
  });
});
