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
 * slice's colour winning where two cells meet in one column (the earlier slice on ties).
 *
 * Pan cache. Narrow cells are placed on ABSOLUTE device columns, X = round(time · kd) with kd
 * the device px per ns (quantised, so that the last-bit jitter of a panned window's span does
 * not change it), and shown at X − round(start · kd). Which colour a column gets then depends
 * only on the level, kd and the column, never on the window, so each lane keeps its row of
 * colours (and the wide slices met) from the last frame: a pan by n device columns shifts the
 * row and reads only the cells of the n newly exposed columns. A frame drawn from a kept row is
 * the frame drawn from scratch (draw-lod.test.ts checks it pixel for pixel); a zoom, a new
 * palette or a new width starts the row afresh.
 *
 * Fine band. Between level 0 and the zoom where slices are ~1 device px wide (≈ 1–8 slices per
 * device px: level 0 holds 4–8 slices per cell) the lane's own slices are its cells: each is
 * placed on absolute device columns [round(s·kd), round(e·kd)) (at least one), the longest slice
 * winning a column as above, and the row is kept across pans the same way. That band used to
 * walk one exact rect per pixel column (two bisects and a range-argmax each, ~20 scattered
 * reads per column); now it reads the ≤ 8 slices per column in lane order, and a pan reads only
 * the exposed columns' slices.
 */
import type { LanePyramid, PyramidLevel } from '../../model/lod-pyramid';
import type { SliceTable } from '../../model/trace-model';
import type { LodEmit } from '../core/lod';
import { pyramidLevel } from '../core/pyramid-walk';
import { firstEndingAfter, type DepthLane } from '../core/slice-index';
import type { TimeScale } from '../core/time-scale';
import { colorIndexOf } from './colors';
import type { PixelLayer } from './pixel-layer';

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
 * How far below level 0 a lane is still drawn as a row of columns from its own slices (a view
 * of ≥ base / 2^FINE_LEVELS ns per device px, i.e. ≳ 0.5–1 slice per device px on average).
 */
const FINE_LEVELS = 3;

/** One lane's row of column colours at one level (null: the fine band) and scale, kept across frames. */
interface LaneColumns {
  level: PyramidLevel | null;
  kd: number;
  fills: Uint32Array;
  strings: readonly string[];
  /** Absolute device column of cols[0]; NaN until the row is filled. */
  origin: number;
  /** Per column: packed colour (0 = nothing), the winning slice's duration and index. */
  cols: Uint32Array;
  dur: Float64Array;
  idx: Int32Array;
  /** Slices ≥ 1 CSS px met while filling the row, in table (start) order. */
  wide: number[];
}

let rows = new WeakMap<DepthLane, LaneColumns>();

/** Forgets every lane's kept row (the next frame is drawn from scratch; for tests). */
export function resetLaneColumns(): void {
  rows = new WeakMap();
}

/**
 * kd rounded to 40 significant bits: a pan's window keeps its span only to the last bit, and
 * the kept rows must see one scale (a rounding boundary crossed only costs a fresh row).
 */
export function quantise(kd: number): number {
  const q = Math.pow(2, Math.floor(Math.log2(kd)) - 40);
  return Math.round(kd / q) * q;
}

/** Whether a lane with this pyramid is drawn as a row of columns at `nsPerDevPx`. */
function drawsColumns(p: LanePyramid, nsPerDevPx: number): boolean {
  return nsPerDevPx * Math.pow(2, FINE_LEVELS) >= p.base;
}

/**
 * Draws a lane from its pyramid (or, in the fine band, its slices) at CSS (contentX, y), `h`
 * tall, `contentW` wide. Returns false, drawing nothing, when the view is finer than that (the
 * caller walks the slices).
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
  const nsPerDevPx = scale.nsPerPx / dpr;
  if (!drawsColumns(p, nsPerDevPx)) return false;
  const at = pyramidLevel(p, nsPerDevPx);
  const level = at?.level ?? null;
  const B = at?.B ?? 0;
  const W = Math.max(0, Math.round(contentW * dpr));
  const kd = quantise(scale.pxPerNs * dpr);
  let r = rows.get(lane);
  if (
    r &&
    r.cols.length === W &&
    (r.level !== level || r.kd !== kd || r.fills !== fills || r.strings !== strings)
  ) {
    // A zoom (or a new palette): the row starts afresh in the same buffers (no garbage per
    // lane and frame while a zoom runs).
    r.level = level;
    r.kd = kd;
    r.fills = fills;
    r.strings = strings;
    r.origin = NaN;
  } else if (!r || r.cols.length !== W) {
    r = {
      level,
      kd,
      fills,
      strings,
      origin: NaN,
      cols: new Uint32Array(W),
      dur: new Float64Array(W),
      idx: new Int32Array(W),
      wide: [],
    };
    rows.set(lane, r);
  }
  const O = Math.round(scale.start * kd);
  const shift = O - r.origin;
  const { cols, dur, idx } = r;
  if (!(Math.abs(shift) < W)) {
    cols.fill(0);
    dur.fill(-1);
    r.wide.length = 0;
    r.origin = O;
    fill(r, t, lane, B, dpr, O, O + W);
  } else if (shift > 0) {
    // Later in time: the kept columns move left, the right end is new.
    cols.copyWithin(0, shift);
    dur.copyWithin(0, shift);
    idx.copyWithin(0, shift);
    cols.fill(0, W - shift);
    dur.fill(-1, W - shift);
    r.origin = O;
    fill(r, t, lane, B, dpr, O + W - shift, O + W);
  } else if (shift < 0) {
    cols.copyWithin(-shift, 0, W + shift);
    dur.copyWithin(-shift, 0, W + shift);
    idx.copyWithin(-shift, 0, W + shift);
    cols.fill(0, 0, -shift);
    dur.fill(-1, 0, -shift);
    r.origin = O;
    fill(r, t, lane, B, dpr, O, O - shift);
  }
  if (shift !== 0) pruneWide(r, t, W);
  const { start } = t;
  const t0 = scale.start;
  const t1 = scale.end;
  const k = scale.pxPerNs;
  for (const i of r.wide) {
    const s = start[i]!;
    const e = s + t.dur[i]!;
    if (e > t0 && s < t1) wide(i, (s - t0) * k, (e - t0) * k, false);
  }
  pixels.columns(contentX, y, h, cols, W);
  return true;
}

/**
 * Fills the absolute device columns [A, A2) of a lane's row from the level's cells (or, in the
 * fine band, its slices): visits the
 * cells from the slice visible 2 columns before A to 2 columns past A2 and writes only inside
 * [A, A2), so every cell that paints one of them is seen and the result does not depend on
 * where the walk started (a column keeps the longest slice, the earlier on ties).
 */
function fill(
  r: LaneColumns,
  t: SliceTable,
  lane: DepthLane,
  /** The level's cell, ns (unused in the fine band). */
  B: number,
  dpr: number,
  A: number,
  A2: number,
): void {
  const { level, kd } = r;
  if (!level) {
    fillFromSlices(r, t, lane, dpr, A, A2);
    return;
  }
  const { count, longest, first, dur: cellDur, end: cellEnd, name: cellName } = level;
  const { start, dur } = t;
  const from = (A - 2) / kd;
  const to = (A2 + 2) / kd;
  const pos = firstEndingAfter(t, lane, from);
  if (pos >= lane.idx.length) return;
  const s0 = t.start[lane.idx[pos]!]!;
  const c0 = Math.max(0, Math.floor((s0 < from ? s0 : from) / B) - first);
  const c1 = Math.min(count.length - 1, Math.floor(to / B) - first);
  /** CSS px per ns, from the quantised scale (which slices are wide). */
  const k = kd / dpr;
  const byName = nameFills(r.strings, r.fills);
  const wideList = r.wide;
  let lastEnd = -Infinity;
  let added = false;
  // The cells' own copies of their longest slice's duration, end and name are read in order;
  // the table only for a slice that may be wide (float32 → check it exactly).
  for (let c = c0; c <= c1; c++) {
    const i = longest[c]!;
    if (i < 0) continue;
    const di = cellDur[c]!;
    if (di * k >= 0.99 && dur[i]! * k >= 1) {
      wideList.push(i);
      added = true;
      const e = start[i]! + dur[i]!;
      lastEnd = e;
      const ce = Math.floor(e / B) - first;
      if (ce > c) c = ce - 1;
      continue;
    }
    const cs = (first + c) * B;
    const e = cs + cellEnd[c]!;
    const a = Math.round((cs > lastEnd ? cs : lastEnd) * kd);
    const b = Math.round((e > cs + B ? e : cs + B) * kd);
    claimColumns(r, byName, a, b, A, A2, i, di, cellName[c]!);
  }
  if (added) sortWide(wideList);
}

/**
 * Device columns [a, b) of the kept row (at least one, clamped to [A, A2)) go to slice `i` of
 * duration `di` and name `id` where it is the longest so far (the earlier slice on ties), so the
 * result does not depend on the order the cells or slices are met in.
 */
function claimColumns(
  r: LaneColumns,
  byName: Uint32Array,
  a: number,
  b: number,
  A: number,
  A2: number,
  i: number,
  di: number,
  id: number,
): void {
  if (b <= a) b = a + 1;
  if (a < A) a = A;
  if (b > A2) b = A2;
  if (a >= b) return;
  let color = byName[id]!;
  if (color === 0) color = byName[id] = r.fills[colorIndexOf(r.strings, id)]!;
  const { cols, dur: colDur, idx: colIdx, origin } = r;
  for (let x = a - origin, xe = b - origin; x < xe; x++) {
    const cd = colDur[x]!;
    if (di > cd || (di === cd && i < colIdx[x]!)) {
      colDur[x] = di;
      colIdx[x] = i;
      cols[x] = color;
    }
  }
}

/** Table order, once each. */
function sortWide(wideList: number[]): void {
  wideList.sort((x, y) => x - y);
  let n = 0;
  for (let j = 0; j < wideList.length; j++)
    if (j === 0 || wideList[j] !== wideList[n - 1]) wideList[n++] = wideList[j]!;
  wideList.length = n;
}

/**
 * The fine band's fill: each slice is a cell of its own, [s, e) on the absolute device columns
 * (at least one), the longest winning a column (the earlier on ties); slices ≥ 1 CSS px go to
 * `wide`. Reads the lane's slices from the one visible 2 columns before A to 2 columns past A2,
 * so the result does not depend on where the walk started.
 */
function fillFromSlices(
  r: LaneColumns,
  t: SliceTable,
  lane: DepthLane,
  dpr: number,
  A: number,
  A2: number,
): void {
  const { kd } = r;
  const { start, dur, name } = t;
  const { idx } = lane;
  const n = idx.length;
  const to = (A2 + 2) / kd;
  const k = kd / dpr;
  const byName = nameFills(r.strings, r.fills);
  const wideList = r.wide;
  let added = false;
  for (let p = firstEndingAfter(t, lane, (A - 2) / kd); p < n; p++) {
    const i = idx[p]!;
    const s = start[i]!;
    if (s > to) break;
    const di = dur[i]!;
    if (di * k >= 1) {
      wideList.push(i);
      added = true;
      continue;
    }
    claimColumns(r, byName, Math.round(s * kd), Math.round((s + di) * kd), A, A2, i, di, name[i]!);
  }
  if (added) sortWide(wideList);
}

/** Drops the wide slices that left the kept columns (a long pan would pile them up). */
function pruneWide(r: LaneColumns, t: SliceTable, W: number): void {
  const lo = (r.origin - 3) / r.kd;
  const hi = (r.origin + W + 3) / r.kd;
  let n = 0;
  for (const i of r.wide) {
    const s = t.start[i]!;
    if (s + t.dur[i]! >= lo && s <= hi) r.wide[n++] = i;
  }
  r.wide.length = n;
}
