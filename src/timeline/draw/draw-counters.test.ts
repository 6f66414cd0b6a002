import { describe, expect, it } from 'vitest';
import { attachedCounterLod } from '../../model/counter-lod';
import { TimeScale } from '../core/time-scale';
import { fillColumns } from './draw-counters';

/** Columns as the per-sample walk fills them (min, max, last per column; NaN where none). */
function walkColumns(ts: Float64Array, v: Float64Array, scale: TimeScale, k0: number, W: number) {
  const cols = new Float64Array(W * 3).fill(NaN);
  for (let k = k0; k < ts.length; k++) {
    const x = scale.timeToPx(ts[k]!);
    if (x >= W) break;
    const y = v[k]!;
    if (y !== y) continue;
    const b = (x < 0 ? 0 : Math.floor(x)) * 3;
    if (!(y >= cols[b]!)) cols[b] = y;
    if (!(y <= cols[b + 1]!)) cols[b + 1] = y;
    cols[b + 2] = y;
  }
  return Array.from(cols);
}

describe('counter columns', () => {
  it('read from the LOD when dense, equal the per-sample walk at every zoom', () => {
    let x = 5;
    const rand = () => (x = (x * 1103515245 + 12345) >>> 0) / 4294967296;
    const n = 50_000;
    const ts = new Float64Array(n);
    const values = new Float64Array(n);
    let t = 0;
    for (let i = 0; i < n; i++) {
      t += rand() < 0.2 ? 0 : Math.floor(rand() * 100); // repeated timestamps too
      ts[i] = t;
      values[i] = rand() < 0.15 ? NaN : Math.round(rand() * 500) - 100;
    }
    values.fill(NaN, 20_000, 23_000);
    const series = { name: 's', values };
    const W = 300;
    for (const [a, b] of [
      [0, t],
      [-1000, t + 1000],
      [t * 0.3, t * 0.7],
      [t * 0.41, t * 0.42],
      [t * 0.5, t * 0.5003],
    ] as const) {
      const scale = new TimeScale(a, b, W);
      let k0 = 0;
      while (k0 + 1 < n && ts[k0 + 1]! <= a) k0++;
      const cols = new Float64Array(W * 3).fill(NaN);
      fillColumns(ts, series, scale, k0, W, cols);
      expect(Array.from(cols)).toEqual(walkColumns(ts, values, scale, k0, W));
    }
    // The whole-trace view was dense enough to build and use the LOD.
    expect(attachedCounterLod(series)).toBeDefined();
  });
});
