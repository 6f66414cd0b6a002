import { describe, expect, it } from 'vitest';
import type { SliceTable } from '../../model/trace-model';
import { sliceAtTime, walkLane } from './lod';
import { sliceIndex } from './slice-index';
import { trackNamed, traceFromText } from '../test-trace-dsl';
import { TimeScale } from './time-scale';
import { randomLane } from './test-lanes';

const US = 1000;

function lane(text: string, depth = 0) {
  const m = traceFromText(`thread P / t\n${text}`);
  const t = m.sliceTracks[trackNamed(m, 't')]!.slices;
  return { m, t, lane: sliceIndex(t).lanes[depth]! };
}

function walk(t: SliceTable, l: ReturnType<typeof lane>['lane'], scale: TimeScale) {
  const out: { i: number; x0: number; x1: number; merged: boolean }[] = [];
  walkLane(t, l, scale, (i, x0, x1, merged) => out.push({ i, x0, x1, merged }));
  return out;
}

describe('walkLane', () => {
  it('emits wide slices one by one with exact pixel edges', () => {
    const { t, lane: l } = lane(':|a---| |b|');
    // 1 px per 100 ns → a = [0, 6 µs) = 60 px
    const out = walk(t, l, new TimeScale(0, 100 * US, 1000));
    expect(out).toEqual([
      { i: 0, x0: 0, x1: 60, merged: false },
      { i: 1, x0: 70, x1: 100, merged: false },
    ]);
  });

  it('still draws a slice that starts before the window', () => {
    const { t, lane: l } = lane(':|long--------------| |x|');
    const out = walk(t, l, new TimeScale(10 * US, 30 * US, 200));
    expect(out.map((o) => o.i)).toEqual([0, 1]);
    expect(out[0]!.x0).toBeLessThan(0);
    expect(out[0]!.x1).toBeCloseTo(100);
  });

  it('skips slices outside the window', () => {
    const { t, lane: l } = lane(':|a| |b| |c| |d|');
    const out = walk(t, l, new TimeScale(8 * US, 11 * US, 300));
    expect(out.map((o) => o.i)).toEqual([2]);
  });

  it('keeps one rect per pixel column: the longest slice in it', () => {
    // Slices of 1, 3, 2 µs in one 10 µs column, then one of 1 µs in the next column.
    const { t, lane: l } = lane(':|||---||--|   |||||||||||||||||');
    const scale = new TimeScale(0, 100 * US, 10); // 10 µs per px
    const out = walk(t, l, scale);
    expect(out.length).toBeLessThanOrEqual(scale.width);
    expect(out[0]!.merged).toBe(true);
    expect(t.dur[out[0]!.i]).toBe(5 * US);
    // Columns never overlap and advance left to right.
    for (let k = 1; k < out.length; k++) expect(out[k]!.x0).toBeGreaterThanOrEqual(out[k - 1]!.x0);
  });

  it('uses the range-argmax on dense columns and matches a linear scan', () => {
    // Below the pyramid's threshold, so the direct walk (bisect + range-argmax) runs.
    const n = 1_000;
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(i % 97 === 0 ? '|x---|' : i % 5 === 0 ? '|y-|' : '||');
    const { t, lane: l } = lane(`:${parts.join('')}`);
    const scale = new TimeScale(0, t.start[t.length - 1]! + 10 * US, 60);
    const out = walk(t, l, scale);
    expect(out.length).toBeLessThanOrEqual(60 + 1);
    // Verify each bucket against a brute-force longest.
    for (const o of out.filter((o) => o.merged)) {
      const col = Math.floor(t.start[o.i]! * scale.pxPerNs);
      let best = -1;
      for (let i = 0; i < t.length; i++) {
        if (Math.floor(t.start[i]! * scale.pxPerNs) !== col) continue;
        if (best < 0 || t.dur[i]! > t.dur[best]!) best = i;
      }
      expect(t.dur[o.i]).toBe(t.dur[best]!);
    }
  });

  it('is stable under sub-pixel pans (columns are on the absolute axis)', () => {
    const { t, lane: l } = lane(`:${'|a|||-|'.repeat(200)}`);
    const a = walk(t, l, new TimeScale(0, 1000 * US, 100)).map((o) => o.i);
    const b = walk(t, l, new TimeScale(3 * US, 1003 * US, 100)).map((o) => o.i);
    expect(b.slice(1, 50)).toEqual(a.slice(1, 50));
  });
});

describe('sliceAtTime', () => {
  it('finds the slice under the cursor, or the longest of the column, or a near one', () => {
    const { t, lane: l } = lane(':|a---|   |b|');
    const fine = new TimeScale(0, 20 * US, 2000);
    expect(sliceAtTime(t, l, fine, 2 * US)).toBe(0);
    expect(sliceAtTime(t, l, fine, 7.5 * US)).toBe(-1);
    expect(sliceAtTime(t, l, fine, 6.01 * US)).toBe(0); // 1 px after its end
    const coarse = new TimeScale(0, 20_000 * US, 100);
    expect(sliceAtTime(t, l, coarse, 100 * US)).toBe(0);
  });
});

describe('walkLane with the time mipmap (long lanes, zoomed out)', () => {
  const t = randomLane(50_000, 3);
  const l = sliceIndex(t).lanes[0]!;
  const end = t.start[t.length - 1]! + t.dur[t.length - 1]!;

  for (const [label, a, b] of [
    ['whole lane', 0, end],
    ['a middle tenth', end * 0.4, end * 0.5],
    ['a hundredth', end * 0.61, end * 0.62],
  ] as const) {
    it(`keeps every wide slice, covers every column with data, one narrow rect per column: ${label}`, () => {
      const scale = new TimeScale(a, b, 1200);
      const out = walk(t, l, scale);
      // Wide slices (≥ 1 px) in view are all drawn, exactly.
      const wide = new Set(out.filter((o) => !o.merged && o.x1 - o.x0 >= 1).map((o) => o.i));
      for (let i = 0; i < t.length; i++) {
        const x0 = scale.timeToPx(t.start[i]!);
        const x1 = scale.timeToPx(t.start[i]! + t.dur[i]!);
        if (x1 - x0 >= 1 && x1 > 0 && x0 < 1200) expect(wide.has(i)).toBe(true);
      }
      // Every pixel column holding a slice start is covered.
      const covered = new Uint8Array(1202);
      for (const o of out)
        for (let c = Math.max(0, Math.floor(o.x0)); c < Math.min(1201, Math.ceil(o.x1)); c++)
          covered[c] = 1;
      for (let i = 0; i < t.length; i++) {
        const x = scale.timeToPx(t.start[i]!);
        if (x >= 0 && x < 1200) expect(covered[Math.floor(x)]).toBe(1);
      }
      // At most one narrow rect per pixel column.
      const cols = new Map<number, number>();
      for (const o of out.filter((o) => o.x1 - o.x0 <= 1.0001)) {
        const c = Math.floor(o.x0);
        cols.set(c, (cols.get(c) ?? 0) + 1);
      }
      for (const v of cols.values()) expect(v).toBe(1);
    });
  }

  it('draws what the direct walk draws for wide slices when zoomed in', () => {
    const mid = t.start[t.length >> 1]!;
    const scale = new TimeScale(mid - 10_000, mid + 10_000, 1000);
    const out = walk(t, l, scale);
    expect(out.every((o) => o.x1 > o.x0)).toBe(true);
    expect(out.length).toBeGreaterThan(0);
  });
});
