import { describe, expect, it } from 'vitest';
import { attachedLaneIndex, buildLaneIndex, laneIndex, MIP_FAN, TIME_MIP_MIN } from './lane-index';
import { attachLodPyramids, attachedPyramid, buildTrackPyramid } from './lod-pyramid';
import type { SliceTable, TraceModel } from './trace-model';

/** Seeded random lanes: per depth, slices in start order with gaps ([start, dur, depth]). */
function randomTable(perDepth: number[], seed: number, overlapDepth = -1): SliceTable {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) >>> 0) / 4294967296;
  const rows: [number, number, number][] = [];
  perDepth.forEach((count, d) => {
    let t = 100;
    for (let k = 0; k < count; k++) {
      const dur = rand() < 0.03 ? 1000 + Math.floor(rand() * 9000) : 1 + Math.floor(rand() * 40);
      rows.push([t, dur, d]);
      // One depth overlaps its previous slice now and then (ends not monotonic).
      t += d === overlapDepth && rand() < 0.2 ? Math.floor(dur / 3) : dur + Math.floor(rand() * 50);
    }
  });
  rows.sort((a, b) => a[0] - b[0] || a[2] - b[2]);
  const n = rows.length;
  return {
    length: n,
    start: Float64Array.from(rows, (r) => r[0]),
    dur: Float64Array.from(rows, (r) => r[1]),
    depth: Uint16Array.from(rows, (r) => r[2]),
    parent: new Int32Array(n).fill(-1),
    name: new Uint32Array(n),
    cat: new Uint32Array(n),
    args: new Int32Array(n).fill(-1),
    flags: new Uint8Array(n),
    rows: perDepth.length,
  };
}

/** Answers "longest among lane positions [lo, hi)" from the range-argmax, as the timeline does. */
function longestFromMip(
  t: SliceTable,
  idx: Uint32Array,
  mip: Uint32Array[],
  lo: number,
  hi: number,
) {
  let best = lo;
  let p = lo;
  while (p < hi) {
    let size = 1;
    let level = -1;
    while (level + 1 < mip.length && p % (size * MIP_FAN) === 0 && p + size * MIP_FAN <= hi) {
      size *= MIP_FAN;
      level++;
    }
    const cand = level < 0 ? p : mip[level]![p / size]!;
    if (t.dur[idx[cand]!]! > t.dur[idx[best]!]!) best = cand;
    p += size;
  }
  return best;
}

describe('lane index', () => {
  it('lists each depth in start order, with endMax only where ends are not monotonic', () => {
    const t = randomTable([3000, 500, 40, 2000], 11, 3);
    const ix = buildLaneIndex(t, buildTrackPyramid(t));
    expect(ix.lanes).toHaveLength(4);
    for (let d = 0; d < 4; d++) {
      const want: number[] = [];
      for (let i = 0; i < t.length; i++) if (t.depth[i] === d) want.push(i);
      const lane = ix.lanes[d]!;
      expect(Array.from(lane.idx)).toEqual(want);
      if (d === 3) {
        let m = -Infinity;
        expect(Array.from(lane.endMax!)).toEqual(
          want.map((i) => (m = Math.max(m, t.start[i]! + t.dur[i]!))),
        );
      } else expect(lane.endMax).toBeNull();
    }
  });

  it('range-argmax answers match a linear scan (the first longest on ties)', () => {
    const t = randomTable([5000, 63, 64], 5);
    const ix = buildLaneIndex(t, undefined);
    expect(ix.lanes[1]!.mip).toBeNull(); // short lanes are scanned
    let x = 3;
    const rand = (n: number) => (x = (x * 69069 + 1) >>> 0) % n;
    for (const d of [0, 2]) {
      const { idx, mip } = ix.lanes[d]!;
      expect(mip).not.toBeNull();
      for (let k = 0; k < 300; k++) {
        const lo = rand(idx.length);
        const hi = lo + 1 + rand(idx.length - lo);
        let want = lo;
        for (let p = lo + 1; p < hi; p++) if (t.dur[idx[p]!]! > t.dur[idx[want]!]!) want = p;
        expect(longestFromMip(t, idx, mip!, lo, hi)).toBe(want);
      }
    }
  });

  it('gives a time mipmap only to long lanes without a pyramid', () => {
    const t = randomTable([TIME_MIP_MIN + 10, TIME_MIP_MIN + 10], 9, 1);
    const pyramid = buildTrackPyramid(t);
    // Depth 1 overlaps itself, so it has no pyramid and keeps the time mipmap.
    expect(pyramid.lanes[0]).not.toBeNull();
    expect(pyramid.lanes[1]).toBeNull();
    const ix = buildLaneIndex(t, pyramid);
    expect(ix.lanes[0]!.timeMip).toBeNull();
    const mip = ix.lanes[1]!.timeMip!;
    // Level 0: per bucket, the longest slice starting in it.
    const { idx } = ix.lanes[1]!;
    const level0 = mip.levels[0]!;
    for (let b = 0; b < level0.length; b++) {
      let want = -1;
      for (let p = 0; p < idx.length; p++) {
        const s = t.start[idx[p]!]!;
        if (Math.floor(s / mip.base) !== b) continue;
        if (want < 0 || t.dur[idx[p]!]! > t.dur[idx[want]!]!) want = p;
      }
      expect(level0[b]).toBe(want);
    }
    expect(mip.levels.at(-1)).toHaveLength(1);
  });

  it('is attached with the pyramids (the import worker step) and reused, never rebuilt', () => {
    const t = randomTable([2000, 100], 1);
    const trace = { sliceTracks: [{ slices: t }], counters: [] } as unknown as TraceModel;
    expect(attachedLaneIndex(t)).toBeUndefined();
    attachLodPyramids(trace);
    const ix = attachedLaneIndex(t)!;
    expect(attachedPyramid(t)).toBeDefined();
    expect(ix.lanes[0]!.idx).toHaveLength(2000);
    expect(laneIndex(t, attachedPyramid(t))).toBe(ix);
    // What travels to the page is plain data: a structured clone keeps it whole.
    const copy = structuredClone(t);
    expect(Array.from(attachedLaneIndex(copy)!.lanes[1]!.idx)).toEqual(
      Array.from(ix.lanes[1]!.idx),
    );
  });
});
