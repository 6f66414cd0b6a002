import { describe, expect, it } from 'vitest';
import type { LodEmit } from '../core/lod';
import { sliceIndex } from '../core/slice-index';
import { TimeScale } from '../core/time-scale';
import { colorIndexOf, LIGHT_COLORS, makePalette } from './colors';
import { drawLaneFromPyramid, resetLaneColumns } from './draw-lod';
import { packedFill } from './draw-slice-rows';
import { PixelLayer } from './pixel-layer';
import { randomLane } from '../core/test-lanes';

const BG = 0x01020304;
const STRINGS = ['', 'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta'];

/** A 2D context that only hands out and receives image buffers. */
function fakeContext() {
  let put: { data: Uint8ClampedArray; width: number } | null = null;
  const ctx = {
    createImageData: (w: number, h: number) => ({
      width: w,
      height: h,
      data: new Uint8ClampedArray(w * h * 4),
    }),
    putImageData: (img: { data: Uint8ClampedArray; width: number }) => (put = img),
  } as unknown as CanvasRenderingContext2D;
  return { ctx, pixels: () => new Uint32Array(put!.data.buffer) };
}

const W = 600;
const H = 30;
const X = 40; // content left, CSS px
const Y = 7; // lane top, CSS px
const SH = 16;

describe('drawLaneFromPyramid', () => {
  const t = randomLane(30_000, 9, { names: 7 });
  const lane = sliceIndex(t).lanes[0]!;
  const fills = packedFill(makePalette(LIGHT_COLORS));
  const end = t.start[t.length - 1]! + t.dur[t.length - 1]!;

  function draw(scale: TimeScale, dpr: number) {
    const { ctx, pixels } = fakeContext();
    const layer = new PixelLayer();
    layer.begin(ctx, X + W, H, dpr, BG);
    layer.clip(X, 0, W, H);
    const wide: number[] = [];
    const emit: LodEmit = (i, x0, x1) => {
      wide.push(i);
      const a = Math.max(0, x0);
      const b = Math.min(W, x1);
      layer.fillRect(X + a, Y, b - a, SH, fills[colorIndexOf(STRINGS, t.name[i]!)]!);
    };
    const drawn = drawLaneFromPyramid(
      layer,
      t,
      lane,
      lane.pyramid!,
      scale,
      STRINGS,
      fills,
      X,
      W,
      Y,
      SH,
      emit,
    );
    layer.put(ctx);
    return { drawn, wide, px: pixels(), stride: Math.round((X + W) * dpr) };
  }

  it('is used on long lanes, and declines views finer than the pyramid', () => {
    expect(lane.pyramid).not.toBeNull();
    const mid = t.start[t.length >> 1]!;
    expect(draw(new TimeScale(mid, mid + 2000, W), 1).drawn).toBe(false);
    expect(draw(new TimeScale(0, end, W), 1).drawn).toBe(true);
  });

  for (const dpr of [1, 2])
    for (const [label, a, b] of [
      ['whole lane', 0, end],
      ['a third', end * 0.3, end * 0.63],
      // The fine band: finer than level 0 (≈ 1.4 / 0.7 base per device px at dpr 1 / 2).
      ['the fine band', end * 0.4, end * 0.4 + (lane.pyramid!.base / 2.9) * W],
    ] as const)
      it(`paints what the slices hold, ${label}, dpr ${dpr}`, () => {
        const scale = new TimeScale(a, b, W);
        const { drawn, wide, px, stride } = draw(scale, dpr);
        expect(drawn).toBe(true);
        const y0 = Math.round(Y * dpr);
        const y1 = Math.round((Y + SH) * dpr);
        const ox = Math.round(X * dpr);
        const wd = W * dpr;
        const at = (x: number, y: number) => px[y * stride + ox + x]!;
        // The lane's rows are one row repeated; nothing above, below or left of it.
        let bad = 0;
        for (let y = y0 + 1; y < y1; y++)
          for (let x = 0; x < wd; x++) bad += +(at(x, y) !== at(x, y0));
        for (let x = 0; x < wd; x++) bad += +(at(x, y0 - 1) !== BG) + +(at(x, y1) !== BG);
        for (let x = 0; x < ox; x++) bad += +(px[y0 * stride + x] !== BG);
        expect(bad).toBe(0);
        const k = scale.pxPerNs * dpr;
        // Every slice at least 1 CSS px wide in view went to `wide`, exactly once, and its
        // inner columns show its colour.
        const seen = new Set(wide);
        expect(seen.size).toBe(wide.length);
        let wideInView = 0;
        for (let i = 0; i < t.length; i++) {
          const x0 = (t.start[i]! - a) * k;
          const x1 = (t.start[i]! + t.dur[i]! - a) * k;
          if (x1 <= 0 || x0 >= wd || t.dur[i]! * scale.pxPerNs < 1) continue;
          wideInView++;
          expect(seen.has(i)).toBe(true);
          const color = fills[colorIndexOf(STRINGS, t.name[i]!)]!;
          for (let x = Math.max(0, Math.ceil(x0) + 1); x < Math.min(wd, Math.floor(x1) - 1); x++)
            bad += +(at(x, y0) !== color);
        }
        expect(bad).toBe(0);
        expect(wideInView).toBeGreaterThan(0);
        // Next to every slice start (within a device pixel: cells snap to pixels as rects do) a
        // column is painted; every painted column is within a device pixel of a slice.
        const hasStart = new Uint8Array(wd);
        const near = new Uint8Array(wd + 2);
        for (let i = 0; i < t.length; i++) {
          const x0 = (t.start[i]! - a) * k;
          const x1 = (t.start[i]! + t.dur[i]! - a) * k;
          if (x1 < -1 || x0 > wd + 1) continue;
          if (x0 >= 0 && x0 < wd) hasStart[Math.floor(x0)] = 1;
          for (
            let x = Math.max(0, Math.floor(x0) - 1);
            x <= Math.min(wd + 1, Math.ceil(x1) + 1);
            x++
          )
            near[x] = 1;
        }
        const painted = (c: number) => c >= 0 && c < wd && at(c, y0) !== BG;
        let starts = 0;
        for (let x = 0; x < wd; x++) {
          if (hasStart[x]) {
            starts++;
            // (A start in the last column may round to the one past the edge.)
            bad += +!(painted(x - 1) || painted(x) || painted(x + 1) || x === wd - 1);
          }
          bad += +(painted(x) && !near[x]);
        }
        expect(starts).toBeGreaterThan(wd / 20);
        expect(bad).toBe(0);
      });
  it('the fine band is drawn from the slices, finer views are declined', () => {
    const base = lane.pyramid!.base;
    const at = (nsPerPx: number) => {
      const a = end * 0.4;
      return draw(new TimeScale(a, a + nsPerPx * W, W), 1).drawn;
    };
    expect(at(base / 2)).toBe(true);
    expect(at(base / 7.9)).toBe(true);
    expect(at(base / 8.1)).toBe(false);
  });

  for (const band of ['pyramid levels', 'the fine band'] as const)
    it(`a panned frame drawn from the kept columns equals the frame drawn from scratch (${band})`, () => {
      for (const dpr of [1, 2]) {
        const span = band === 'pyramid levels' ? end * 0.5 : (lane.pyramid!.base / 3) * W;
        // Held-key pans (fractional px steps, both ways), a jump past the kept row, a zoom.
        const starts: [number, number][] = [];
        let a = end * 0.2;
        for (let f = 0; f < 12; f++) starts.push([(a += (span / W) * (3.37 + f)), span]);
        for (let f = 0; f < 8; f++) starts.push([(a -= (span / W) * (7.9 + f * 11)), span]);
        starts.push([(a += span * 0.7), span], [a, span * 0.93], [a + span / 50, span * 0.93]);
        let compared = 0;
        for (const [s, w] of starts) {
          const scale = new TimeScale(s, s + w, W);
          const kept = draw(scale, dpr);
          resetLaneColumns();
          const fresh = draw(scale, dpr);
          expect(kept.drawn).toBe(true);
          expect(kept.wide).toEqual(fresh.wide);
          let diff = 0;
          for (let j = 0; j < fresh.px.length; j++) diff += +(kept.px[j] !== fresh.px[j]);
          expect(diff).toBe(0);
          compared++;
        }
        expect(compared).toBe(starts.length);
      }
    });
});

describe('PixelLayer.columns', () => {
  it('writes one row of colours, skips zeros, repeats it down and clips', () => {
    const { ctx, pixels } = fakeContext();
    const p = new PixelLayer();
    p.begin(ctx, 8, 6, 1, 5);
    p.clip(1, 1, 5, 3); // x in [1, 6), y in [1, 4)
    p.fillRect(0, 0, 8, 6, 6); // a background of 6 inside the clip
    p.columns(0, 0, 6, Uint32Array.from([9, 9, 0, 7, 7, 7, 7, 7]), 8);
    p.put(ctx);
    const u = pixels();
    const row = (y: number) => [...u.subarray(y * 8, y * 8 + 8)];
    expect(row(0)).toEqual([5, 5, 5, 5, 5, 5, 5, 5]);
    for (const y of [1, 2, 3]) expect(row(y)).toEqual([5, 9, 6, 7, 7, 7, 5, 5]);
    expect(row(4)).toEqual([5, 5, 5, 5, 5, 5, 5, 5]);
  });
});
