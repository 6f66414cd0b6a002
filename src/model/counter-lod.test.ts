import { describe, expect, it } from 'vitest';
import { attachedCounterLod, buildCounterLod, seriesMinMax } from './counter-lod';
import { attachLodPyramids } from './lod-pyramid';
import type { TraceModel } from './trace-model';

/** Seeded values with runs of NaN (samples lacking the series). */
function randomValues(n: number, seed: number): Float64Array {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) >>> 0) / 4294967296;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rand() < 0.1 ? NaN : Math.round((rand() - 0.3) * 1000);
  // A long all-NaN stretch (whole blocks of NaN).
  v.fill(NaN, Math.floor(n / 3), Math.floor(n / 3) + 600);
  return v;
}

function naive(v: Float64Array, lo: number, hi: number): [number, number] {
  let a = NaN;
  let z = NaN;
  for (let k = lo; k < hi; k++) {
    const x = v[k]!;
    if (x !== x) continue;
    if (!(x >= a)) a = x;
    if (!(x <= z)) z = x;
  }
  return [a, z];
}

describe('counter LOD', () => {
  it('gives the min and max of any sample range, skipping NaN, as a scan does', () => {
    const v = randomValues(20_000, 3);
    const lod = buildCounterLod(v);
    expect(lod.min.map((l) => l.length)).toEqual([1250, 79, 5]); // up to 16 blocks on top
    const out = new Float64Array(2);
    let x = 7;
    const rand = (n: number) => (x = (x * 69069 + 1) >>> 0) % n;
    const ranges: [number, number][] = [
      [0, v.length],
      [6667, 7267], // inside the NaN stretch: no value
      [6660, 7300],
    ];
    for (let k = 0; k < 400; k++) {
      const lo = rand(v.length);
      ranges.push([lo, lo + 1 + rand(v.length - lo)]);
    }
    for (const [lo, hi] of ranges) {
      seriesMinMax(v, lod, lo, hi, out);
      expect(Array.from(out)).toEqual(naive(v, lo, hi));
    }
  });

  it('is attached to every counter series by the import worker step', () => {
    const values = randomValues(100, 1);
    const trace = {
      sliceTracks: [],
      counters: [
        { process: 0, name: 'c', ts: new Float64Array(100), series: [{ name: 's', values }] },
      ],
    } as unknown as TraceModel;
    attachLodPyramids(trace);
    const lod = attachedCounterLod(trace.counters[0]!.series[0]!)!;
    expect(Math.max(...lod.max.at(-1)!.filter((z) => z === z))).toBe(naive(values, 0, 100)[1]);
    // Plain data: it travels to the page in a structured clone.
    const copy = structuredClone(trace.counters[0]!.series[0]!);
    expect(attachedCounterLod(copy)!.min[0]).toEqual(lod.min[0]);
  });
});
