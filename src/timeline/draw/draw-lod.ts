/**
 * The zoomed-out path of a slice lane: its level-of-detail pyramid (model/lod-pyramid.ts) is
 * read cell by cell (≈ 1–2 cells per device pixel, see pyramid-walk.ts) into one row of
 * per-column colours, which the pixel layer writes once and repeats down the lane's height.
 * A frame over millions of slices then costs a few thousand cell reads and one row copy per
 * lane, instead of a rect (a call, a clip, 16 strided stores) per pixel column.
 *
 * What is drawn matches the rect walk: a cell's longest slice at least 1 CSS px wide goes to
 * `wide` (drawn as itself, with its label); narrower cells paint the device columns from the
 * cell's start to its end (or its longest slice's end, at least one column), the longest
 * slice's colour winning where two cells meet in one column.
 */
import type { LanePyramid } from '../../model/lod-pyramid';
import type { SliceTable } from '../../model/trace-model';
import type { LodEmit } from '../core/lod';
import { cellRange, pyramidLevel } from '../core/pyramid-walk';
import type { DepthLane } from '../core/slice-index';
import type { TimeScale } from '../core/time-scale';
import { colorIndexOf } from './colors';
import type { PixelLayer } from './pixel-layer';

let cols = new Uint32Array(0);
let colDur = new Float64Array(0);

/** Packed fill per interned name (0 = not looked up yet), for the last strings and fills seen. */
let nameFill = new Uint32Array(0);
let nameFillFor: { strings: readonly string[]; fills: Uint32Array } | null = null;
function nameFills(strings: readonly string[], fills: Uint32Array): Uint32Array {
  if (nameFillFor?.strings !== strings || nameFillFor.fills !== fills) {
    nameFill = new Uint32Array(strings.length);
    nameFillFor = { strings, fills };
  }
  return nameFill;
}

/**
 * Draws a lane from its pyramid at CSS (contentX, y), `h` tall, `contentW` wide. Returns false,
 * drawing nothing, when the view is finer than the pyramid (the caller walks the slices).
 */
export function drawLaneFromPyramid(
  pixels: PixelLayer,
  t: SliceTable,
  lane: DepthLane,
  p: LanePyramid,
  scale: TimeScale,
  strings: readonly string[],
  fills: Uint32Array,
  contentX: number,
  contentW: number,
  y: number,
  h: number,
  wide: LodEmit,
): boolean {
  const dpr = pixels.dpr;
  const at = pyramidLevel(p, scale.nsPerPx / dpr);
  if (!at) return false;
  const { level, B } = at;
  const { count, longest, first } = level;
  const W = Math.max(0, Math.round(contentW * dpr));
  if (cols.length < W) {
    cols = new Uint32Array(W);
    colDur = new Float64Array(W);
  }
  cols.fill(0, 0, W);
  colDur.fill(-1, 0, W);
  const { start, dur, name } = t;
  const t0 = scale.start;
  const k = scale.pxPerNs;
  const kd = k * dpr;
  const [c0, c1] = cellRange(t, lane, level, B, scale);
  const byName = nameFills(strings, fills);
  let lastEnd = -Infinity;
  let painted = false;
  for (let c = c0; c <= c1; c++) {
    if (count[c] === 0) continue;
    const i = longest[c]!;
    const s = start[i]!;
    const di = dur[i]!;
    const e = s + di;
    if (di * k >= 1) {
      wide(i, (s - t0) * k, (e - t0) * k, false);
      lastEnd = e;
      const ce = Math.floor(e / B) - first;
      if (ce > c) c = ce - 1;
      continue;
    }
    const cs = (first + c) * B;
    let a = Math.round(((cs > lastEnd ? cs : lastEnd) - t0) * kd);
    let b = Math.round(((e > cs + B ? e : cs + B) - t0) * kd);
    if (b <= a) b = a + 1;
    if (a < 0) a = 0;
    if (b > W) b = W;
    if (a >= b) continue;
    const id = name[i]!;
    let color = byName[id]!;
    if (color === 0) color = byName[id] = fills[colorIndexOf(strings, id)]!;
    for (let x = a; x < b; x++) {
      if (di > colDur[x]!) {
        colDur[x] = di;
        cols[x] = color;
      }
    }
    painted = true;
  }
  if (painted) pixels.columns(contentX, y, h, cols, W);
  return true;
}
