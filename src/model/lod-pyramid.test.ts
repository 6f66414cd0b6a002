import { describe, expect, it } from 'vitest';
import { attachLodPyramids, attachedPyramid, buildTrackPyramid, lodPyramid } from './lod-pyramid';
import type { LanePyramid } from './lod-pyramid';
import type { SliceTable, TraceModel } from './trace-model';

/** A table from slices in start order: [start, dur, depth, parent]. */
function table(rows: [number, number, number, number][], name?: number[]): SliceTable {
  const n = rows.length;
  const t: SliceTable = {
    length: n,
    start: Float64Array.from(rows, (r) => r[0]),
    dur: Float64Array.from(rows, (r) => r[1]),
    depth: Uint16Array.from(rows, (r) => r[2]),
    parent: Int32Array.from(rows, (r) => r[3]),
    name: name ? Uint32Array.from(name) : new Uint32Array(n),
    cat: new Uint32Array(n),
    args: new Int32Array(n).fill(-1),
    flags: new Uint8Array(n),
    rows: 0,
  };
  for (const r of rows) t.rows = Math.max(t.rows, r[2] + 1);
  return t;
}

/**
 * Seeded random nested slices: top-level slices with gaps, each with children (and those with
 * children) packed inside it, integer ns. Depths 0..maxDepth-1.
 */
function randomNested(tops: number, seed: number, maxDepth = 3): SliceTable {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) >>> 0) / 4294967296;
  const rows: [number, number, number, number][] = [];
  const fill = (s: number, e: number, depth: number, parent: number) => {
    if (depth >= maxDepth) return;
    let t = s + Math.floor(rand() * 20);
    while (t < e - 2 && rand() < 0.8) {
      const d = Math.min(e - t, 1 + Math.floor(rand() * (e - s) * 0.4));
      const i = rows.length;
      rows.push([t, d, depth, parent]);
      fill(t, t + d, depth + 1, i);
      t += d + Math.floor(rand() * 15);
    }
  };
  let t = 500;
  for (let k = 0; k < tops; k++) {
    // Mostly short slices, a few long ones, and gaps of all sizes.
    const d = rand() < 0.02 ? 5000 + Math.floor(rand() * 50_000) : 5 + Math.floor(rand() * 300);
    const i = rows.length;
    rows.push([t, d, 0, -1]);
    fill(t, t + d, 1, i);
    t += d + (rand() < 0.05 ? Math.floor(rand() * 100_000) : Math.floor(rand() * 200));
  }
  return table(rows);
}

/** Slices of a depth, as table indices. */
const laneOf = (t: SliceTable, d: number) => {
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) if (t.depth[i] === d) out.push(i);
  return out;
};

/** A cell recomputed from the slices: count, longest, and the longest's dur, end, name. */
function bruteCell(t: SliceTable, d: number, a: number, b: number) {
  let count = 0;
  let longest = -1;
  for (const i of laneOf(t, d)) {
    const s = t.start[i]!;
    if (s < a || s >= b) continue;
    count++;
    if (longest < 0 || t.dur[i]! > t.dur[longest]!) longest = i;
  }
  const f32 = (x: number) => Math.fround(x);
  return {
    count,
    longest,
    dur: longest < 0 ? 0 : f32(t.dur[longest]!),
    end: longest < 0 ? 0 : f32(t.start[longest]! + t.dur[longest]! - a),
    name: longest < 0 ? 0 : t.name[longest]!,
  };
}

const cellSize = (p: LanePyramid, L: number) => p.base * 2 ** L;

describe('buildTrackPyramid', () => {
  const t = randomNested(3000, 11);
  const pyr = buildTrackPyramid(t, 256);

  it('gives long lanes a pyramid that ends in one cell, and short lanes none', () => {
    expect(pyr.lanes.length).toBe(t.rows);
    for (let d = 0; d < t.rows; d++) {
      const p = pyr.lanes[d];
      if (laneOf(t, d).length < 256) expect(p).toBeNull();
      else {
        expect(p).not.toBeNull();
        expect(Math.log2(p!.base) % 1).toBe(0);
        expect(p!.levels.at(-1)!.count.length).toBe(1);
        // Level 0 holds a few slices per cell on average.
        expect(p!.levels[0]!.count.length).toBeLessThanOrEqual(laneOf(t, d).length);
      }
    }
    expect(pyr.lanes.filter(Boolean).length).toBeGreaterThanOrEqual(2);
  });

  it("sums to the lane's totals at every level", () => {
    for (let d = 0; d < t.rows; d++) {
      const p = pyr.lanes[d];
      if (!p) continue;
      const lane = laneOf(t, d);
      for (const lv of p.levels) expect(lv.count.reduce((a, b) => a + b, 0)).toBe(lane.length);
      const top = p.levels.at(-1)!;
      expect(t.dur[top.longest[0]!]).toBe(Math.max(...lane.map((i) => t.dur[i]!)));
    }
  });

  it('matches a brute-force count in cells picked at random, at every level', () => {
    let x = 5;
    const rand = () => (x = (x * 1103515245 + 12345) >>> 0) / 4294967296;
    let checked = 0;
    for (let d = 0; d < t.rows; d++) {
      const p = pyr.lanes[d];
      if (!p) continue;
      p.levels.forEach((lv, L) => {
        const B = cellSize(p, L);
        for (let k = 0; k < 12; k++) {
          const c = Math.floor(rand() * lv.count.length);
          const a = (lv.first + c) * B;
          const want = bruteCell(t, d, a, a + B);
          expect(lv.count[c]).toBe(want.count);
          expect(lv.longest[c]).toBe(want.longest);
          expect([lv.dur[c], lv.end[c], lv.name[c]]).toEqual([want.dur, want.end, want.name]);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('keeps the first of equally long slices as a cell’s longest', () => {
    const rows: [number, number, number, number][] = [];
    for (let i = 0; i < 64; i++) rows.push([i * 10, i % 4 === 1 ? 6 : 3, 0, -1]);
    const p = buildTrackPyramid(table(rows), 8).lanes[0]!;
    const top = p.levels.at(-1)!;
    expect(top.longest[0]).toBe(1);
  });
});

describe('bucket edges', () => {
  // 1024 slices, one every 7 ns, 3 ns long, then a slice starting exactly on an edge and ending
  // exactly on one ([7168, 7232)), and one spanning five cells ([7296, 7440)). Span 7440 ns for
  // 1026 slices → base 32 ns (≈ 4 slices per cell).
  const rows: [number, number, number, number][] = [];
  for (let i = 0; i < 1024; i++) rows.push([i * 7, 3, 0, -1]);
  rows.push([7168, 64, 0, -1]);
  rows.push([7296, 144, 0, -1]);
  const t = table(rows);
  const p = buildTrackPyramid(t, 16).lanes[0]!;
  const lv = p.levels[0]!;
  const cell = (ns: number) => Math.floor(ns / p.base) - lv.first;

  it('puts a slice starting on an edge in the cell that starts there', () => {
    expect(p.base).toBe(32);
    expect(lv.first).toBe(0);
    expect(lv.count[cell(7168)]).toBe(1);
    expect(lv.longest[cell(7168)]).toBe(1024);
    // [7136, 7168) holds the starts 7140, 7147, 7154, 7161.
    expect(lv.count[cell(7167)]).toBe(4);
  });

  it("describes a cell by its longest slice's duration and end after the cell's start", () => {
    expect(lv.dur[cell(7168)]).toBe(64);
    expect(lv.end[cell(7168)]).toBe(64);
    expect(lv.count[cell(7200)]).toBe(0);
    expect([lv.dur[cell(7200)], lv.end[cell(7200)], lv.name[cell(7200)]]).toEqual([0, 0, 0]);
    // [7296, 7440) spans five cells: it is counted in the first only, and ends 144 ns after it.
    expect(lv.count[cell(7296)]).toBe(1);
    expect(lv.count[cell(7328)]).toBe(0);
    expect(lv.end[cell(7296)]).toBe(144);
    expect(lv.count.length).toBe(cell(7439) + 1);
    // One level up (64 ns cells): the cell of [7296, 7360) too.
    const up = p.levels[1]!;
    expect(up.end[Math.floor(7296 / 64) - up.first]).toBe(7440 - 7296);
    // [7104, 7168) holds starts every 7 ns from 7105, each 3 ns long: the first is its longest.
    const c = Math.floor(7104 / 64) - up.first;
    expect(up.longest[c]).toBe(1015);
    expect(up.end[c]).toBe(7105 + 3 - 7104);
  });

  it('handles negative times (cells before ns 0)', () => {
    const neg = table(rows.map(([s, d, dep, par]) => [s - 4096, d, dep, par]));
    const q = buildTrackPyramid(neg, 16).lanes[0]!;
    expect(q.base).toBe(32);
    expect(q.levels[0]!.first).toBe(-128);
    // Starts at -4096 + 0, 7, 14, 21, 28.
    expect(q.levels[0]!.count[0]).toBe(5);
    for (const lv of q.levels) expect(lv.count.reduce((a, b) => a + b, 0)).toBe(1026);
    expect(q.levels.at(-1)!.count.length).toBeLessThanOrEqual(2);
  });
});

describe('lanes with depth', () => {
  it('gives every long enough depth lane its own pyramid', () => {
    // 600 top slices of 100 ns every 200 ns; every 3rd has a child, every 6th a grandchild.
    const rows: [number, number, number, number][] = [];
    for (let k = 0; k < 600; k++) {
      const top = rows.length;
      rows.push([k * 200, 100, 0, -1]);
      if (k % 3 === 0) {
        const child = rows.length;
        rows.push([k * 200 + 10, 50, 1, top]);
        if (k % 6 === 0) rows.push([k * 200 + 20, 10, 2, child]);
      }
    }
    const t = table(rows);
    const pyr = buildTrackPyramid(t, 150);
    expect(pyr.lanes[0]).not.toBeNull();
    expect(pyr.lanes[1]).not.toBeNull(); // 200 children
    expect(pyr.lanes[2]).toBeNull(); // 100 grandchildren: below the threshold
    const lv = pyr.lanes[1]!.levels[0]!;
    for (let c = 0; c < lv.count.length; c++) {
      const a = (lv.first + c) * pyr.lanes[1]!.base;
      const want = bruteCell(t, 1, a, a + pyr.lanes[1]!.base);
      expect([lv.count[c], lv.longest[c], lv.end[c]]).toEqual([want.count, want.longest, want.end]);
    }
  });

  it('gives a lane whose slices overlap no pyramid', () => {
    const rows: [number, number, number, number][] = [];
    for (let i = 0; i < 200; i++) rows.push([i * 10, i === 50 ? 25 : 5, 0, -1]);
    expect(buildTrackPyramid(table(rows), 16).lanes[0]).toBeNull();
  });
});

describe('attaching', () => {
  it('attaches once per table and reuses what a table arrived with', () => {
    const t = randomNested(2000, 3, 2);
    const trace = { sliceTracks: [{ slices: t }], counters: [] } as unknown as TraceModel;
    expect(attachedPyramid(t)).toBeUndefined();
    attachLodPyramids(trace);
    const p = attachedPyramid(t);
    expect(p).toBeDefined();
    expect(lodPyramid(t)).toBe(p);
    // A structured clone (the worker → page hop) keeps it as plain typed arrays.
    const copy = structuredClone(t);
    expect(attachedPyramid(copy)!.lanes[0]!.levels[0]!.count).toEqual(
      p!.lanes[0]!.levels[0]!.count,
    );
  });
});
