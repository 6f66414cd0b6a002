import { describe, expect, it } from 'vitest';
import type { MemorySeries } from '../ascend-data';
import { hasValues, maxOf, seriesOnTimeline, valueAt, visiblePoints } from './memory-chart';

describe('memory curves on the timeline', () => {
  it('converts, sorts and drops samples without a time', () => {
    const s: MemorySeries = {
      component: 'PTA',
      device: 'NPU:0',
      tsUs: Float64Array.from([1000.5, 1000, NaN]),
      tsFrac: Uint16Array.from([0, 250, 0]),
      allocatedMB: Float64Array.from([2, 1, 9]),
      reservedMB: Float64Array.from([4, 3, 9]),
      activeMB: Float64Array.from([NaN, NaN, NaN]),
    };
    const t = seriesOnTimeline(s, '1000000');
    expect([...t.t]).toEqual([250, 500]);
    expect([...t.allocatedMB]).toEqual([1, 2]);
    expect(hasValues(t.activeMB)).toBe(false);
    expect(seriesOnTimeline(s, '1000000')).toBe(t);
  });

  const t = [0, 10, 20, 30, 40];
  const v = [1, 5, NaN, 3, 2];

  it('keeps the samples in the window plus one on each side', () => {
    expect(visiblePoints(t, v, { start: 12, end: 35 }, 100)).toEqual({
      t: [10, 30, 40],
      v: [5, 3, 2],
    });
    expect(visiblePoints(t, v, { start: -5, end: 5 }, 100)).toEqual({ t: [0, 10], v: [1, 5] });
  });

  it('decimates to first/min/max/last per pixel column, keeping peaks', () => {
    const n = 10_000;
    const tt = Array.from({ length: n }, (_, i) => i);
    const vv = tt.map((i) => (i === 5_000 ? 100 : i % 2));
    const p = visiblePoints(tt, vv, { start: 0, end: n }, 10);
    expect(p.t.length).toBeLessThanOrEqual(40);
    expect(Math.max(...p.v)).toBe(100);
    expect(p.t).toEqual([...p.t].sort((a, b) => a - b));
  });

  it('reads the value in effect at a time', () => {
    expect(valueAt(t, v, -1)).toBeNaN();
    expect(valueAt(t, v, 10)).toBe(5);
    expect(valueAt(t, v, 25)).toBe(5); // the sample at 20 has no value
    expect(valueAt(t, v, 40)).toBe(2);
    expect(valueAt(t, v, 99)).toBeNaN(); // after the last sample
    expect(valueAt([], [], 0)).toBeNaN();
    expect(maxOf([{ v: [3] }, { v: [7, NaN] }])).toBe(7);
    expect(maxOf([])).toBeNaN();
  });
});
