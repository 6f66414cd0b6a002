import { describe, expect, it } from 'vitest';
import { sliceIndex } from '../core/slice-index';
import { TimeScale } from '../core/time-scale';
import { resetSummaryColumns, summaryCounts, type SummaryLane } from './summary-columns';
import { randomLane } from '../core/test-lanes';

const W = 500;
// Long lanes (with pyramids) and short ones (walked slice by slice).
const lanes: SummaryLane[] = [30_000, 800, 12_000, 3_000, 200].map((n, k) => {
  const table = randomLane(n, 11 + k, { name: 1, randomStart: true });
  return { table, lane: sliceIndex(table).lanes[0]! };
});
const end = Math.max(...lanes.map(({ table: t }) => t.start[t.length - 1]! + t.dur[t.length - 1]!));

describe('summaryCounts', () => {
  it('counts, per column, the tracks with a slice within a pixel of it', () => {
    expect(lanes[0]!.lane.pyramid).not.toBeNull();
    expect(lanes[1]!.lane.pyramid).toBeNull();
    for (const [a, b] of [
      [0, end],
      [end * 0.3, end * 0.45],
      [lanes[0]!.table.start[15_000]!, lanes[0]!.table.start[15_000]! + 3e5],
    ] as const) {
      resetSummaryColumns();
      const scale = new TimeScale(a, b, W);
      const k = scale.pxPerNs;
      const all = summaryCounts({}, lanes, scale, W, true);
      const sum = new Int32Array(W);
      let bad = 0;
      for (const l of lanes) {
        const one = summaryCounts({}, [l], scale, W, true);
        const { start, dur, length } = l.table;
        const near = new Uint8Array(W + 2);
        const hasStart = new Uint8Array(W);
        for (let i = 0; i < length; i++) {
          const x0 = (start[i]! - a) * k;
          const x1 = (start[i]! + dur[i]! - a) * k;
          if (x1 < -2 || x0 > W + 2) continue;
          if (x0 >= 0 && x0 < W) hasStart[Math.floor(x0)] = 1;
          for (
            let x = Math.max(0, Math.floor(x0) - 1);
            x <= Math.min(W + 1, Math.ceil(x1) + 1);
            x++
          )
            near[x] = 1;
        }
        for (let x = 0; x < W; x++) {
          sum[x]! += one[x]!;
          bad += +(one[x]! > 1) + +(one[x]! === 1 && !near[x]);
          if (hasStart[x] && x < W - 1) bad += +!(one[x - 1] || one[x] || one[x + 1]);
        }
      }
      expect(bad).toBe(0);
      expect([...all]).toEqual([...sum]);
      expect(Math.max(...all)).toBeGreaterThan(a === 0 ? 1 : 0);
    }
  });

  it('a panned frame counted from the kept columns equals the frame counted from scratch', () => {
    const key = {};
    for (const span of [end, end * 0.2, 2e5]) {
      resetSummaryColumns();
      // Held-key pans (fractional px steps, both ways), a jump past the kept columns, a zoom.
      const starts: [number, number][] = [];
      let a = end * 0.3;
      for (let f = 0; f < 12; f++) starts.push([(a += (span / W) * (3.37 + f)), span]);
      for (let f = 0; f < 8; f++) starts.push([(a -= (span / W) * (7.9 + f * 11)), span]);
      starts.push([(a += span * 1.3), span], [a, span * 0.93], [a + span / 50, span * 0.93]);
      for (const [s, w] of starts) {
        const scale = new TimeScale(s, s + w, W);
        const kept = [...summaryCounts(key, lanes, scale, W, true)];
        const fresh = [...summaryCounts({}, lanes, scale, W, true)];
        expect(kept).toEqual(fresh);
      }
    }
  });

  it('counts of an incomplete frame are not kept', () => {
    resetSummaryColumns();
    const key = {};
    const scale = new TimeScale(0, end, W);
    const part = [...summaryCounts(key, lanes.slice(0, 2), scale, W, false)];
    const full = [...summaryCounts(key, lanes, scale, W, true)];
    expect(full).toEqual([...summaryCounts({}, lanes, scale, W, true)]);
    expect(full).not.toEqual(part);
  });
});
