/**
 * Level of detail for one depth lane: at most one rect per pixel column, keeping the longest
 * slice in it (as Perfetto's mipmap does).
 *
 *   window  |<------------------------- visible ------------------------->|
 *   slices  [====A====]   ||| |||| ||   [======B======]      |  ||
 *   columns    (A ≥ 1 px: own rect)  └ one column: longest of the narrow ones
 *
 * Walk: bisect to the first slice that ends after the window start (so a slice that started
 * before the window still draws), then for each slice: wider than a pixel → emit it as is;
 * narrower → it opens a column [c·nsPerPx, (c+1)·nsPerPx) on the absolute time axis, every slice
 * starting in that column is skipped with one bisect, and the longest of them (range-argmax) is
 * emitted at least 1 px wide. Columns are aligned to absolute time, not to the window, so panning
 * does not change which slice represents a column. Cost per lane: O(rects · log n), whatever the
 * number of slices in view.
 *
 * Long lanes seen at a coarse zoom use their time mipmap instead (slice-index.ts): the level whose
 * bucket B satisfies B ≤ ns-per-pixel < 2B gives the longest slice of each bucket directly; a
 * narrow representative's rect spans its bucket (so every column with data is covered), and two
 * buckets starting in one pixel column are merged (the longer wins). In a lane slices never
 * overlap, so at most one slice per bucket can be ≥ 1 px wide and it is that bucket's longest:
 * wide slices are never lost. Cost per lane: O(buckets in view) ≈ O(pixels).
 *
 * Lanes with a level-of-detail pyramid (model/lod-pyramid.ts) read its cells the same way
 * instead (pyramid-walk.ts), once a pixel covers a level-0 cell.
 */
import type { SliceTable } from '../../model/trace-model';
import {
  firstEndingAfter,
  firstStartingAtOrAfter,
  longestIn,
  timeMip,
  TIME_MIP_MIN,
  type DepthLane,
  type TimeMip,
} from './slice-index';
import type { TimeScale } from './time-scale';
import { walkPyramid } from './pyramid-walk';

/**
 * Receives each drawn rect: slice index in the table, left and right edge (CSS px from the
 * content left; may extend beyond the view), and whether it stands for several slices.
 */
export type LodEmit = (slice: number, x0: number, x1: number, merged: boolean) => void;

export function walkLane(t: SliceTable, lane: DepthLane, scale: TimeScale, emit: LodEmit): void {
  const { idx } = lane;
  const n = idx.length;
  if (n === 0) return;
  const { start, dur } = t;
  const t0 = scale.start;
  const t1 = scale.end;
  const k = scale.pxPerNs;
  const nsPerPx = scale.nsPerPx;
  // Zoomed out on a lane with a level-of-detail pyramid: its cells (pyramid-walk.ts).
  if (lane.pyramid && walkPyramid(t, lane, lane.pyramid, scale, 1, emit)) return;
  if (n >= TIME_MIP_MIN) {
    const mip = timeMip(t, lane);
    if (mip && nsPerPx >= mip.base) {
      walkMip(t, lane, mip, scale, emit);
      return;
    }
  }
  let p = firstEndingAfter(t, lane, t0);
  while (p < n) {
    const i = idx[p]!;
    const s = start[i]!;
    if (s > t1 || (s === t1 && dur[i]! > 0)) break;
    const e = s + dur[i]!;
    if ((e - s) * k >= 1) {
      emit(i, (s - t0) * k, (e - t0) * k, false);
      p++;
      continue;
    }
    const col = Math.floor(s * k);
    const colEnd = (col + 1) * nsPerPx;
    let q = firstStartingAtOrAfter(t, lane, colEnd, p + 1, n);
    if (q <= p) q = p + 1;
    const best = q - p > 1 ? idx[longestIn(t, lane, p, q)]! : i;
    const x0 = (s - t0) * k;
    const bs = start[best]!;
    const be = bs + dur[best]!;
    // A wide slice starting later in the column is drawn as itself (it keeps its label).
    if ((be - bs) * k >= 1) emit(best, (bs - t0) * k, (be - t0) * k, false);
    else emit(best, x0, Math.max(x0 + 1, (be - t0) * k), q - p > 1);
    p = q;
  }
}

function walkMip(
  t: SliceTable,
  lane: DepthLane,
  mip: TimeMip,
  scale: TimeScale,
  emit: LodEmit,
): void {
  // Written without inner closures: the loop state stays in registers (this is the hot path of a
  // zoomed-out frame over millions of slices).
  const { idx } = lane;
  const n = idx.length;
  const { start, dur } = t;
  const t0 = scale.start;
  const t1 = scale.end;
  const k = scale.pxPerNs;
  // The coarsest level whose bucket is at most a pixel: B ≤ ns per px < 2B.
  const L = Math.min(
    mip.levels.length - 1,
    Math.max(0, Math.floor(Math.log2(scale.nsPerPx / mip.base))),
  );
  const B = mip.base * Math.pow(2, L);
  const level = mip.levels[L]!;
  const nb = level.length;
  // A narrow rect (standing for its whole bucket, ≤ 1 px, so every pixel column holding a slice
  // start is covered) waits to see whether the next one lands in the same pixel column.
  let pend = -1;
  let pendX0 = 0;
  let pendCol = 0;
  let pendX1 = 0;
  let pendMerged = false;
  /** End of the last emitted slice: a bucket rect never paints over it. */
  let lastEnd = -Infinity;
  // The slice visible at the window start may have started long before it.
  let lastPos = firstEndingAfter(t, lane, t0);
  if (lastPos >= n) return;
  let b: number;
  let pos = lastPos;
  let merged = false;
  {
    const s = start[idx[lastPos]!]!;
    if (s < t0) {
      b = Math.floor(s / B);
    } else {
      lastPos--;
      b = Math.floor(t0 / B);
      pos = -1;
    }
  }
  for (;;) {
    if (pos < 0) {
      // Next bucket with a slice not drawn yet.
      if (b >= nb || b * B > t1) break;
      pos = level[b]!;
      if (pos < 0) {
        b++;
        continue;
      }
      if (pos <= lastPos) {
        // This bucket's longest was already drawn: take the longest of what follows it here.
        const q0 = lastPos + 1;
        if (q0 >= n) break;
        const s0 = start[idx[q0]!]!;
        if (s0 >= (b + 1) * B) {
          b = Math.floor(s0 / B);
          pos = -1;
          continue;
        }
        pos = longestIn(t, lane, q0, firstStartingAtOrAfter(t, lane, (b + 1) * B, q0 + 1, n));
      }
      merged = true;
    }
    const i = idx[pos]!;
    const s = start[i]!;
    if (s > t1) break;
    const e = s + dur[i]!;
    const x1 = (e - t0) * k;
    if ((e - s) * k >= 1) {
      if (pend >= 0) emit(pend, pendX0, pendX1, pendMerged);
      pend = -1;
      emit(i, (s - t0) * k, x1, false);
      lastEnd = e;
    } else {
      const bs = Math.floor(s / B) * B;
      const x0 = ((bs > lastEnd ? bs : lastEnd) - t0) * k;
      const xe = (bs + B - t0) * k;
      const xb = xe > x1 ? xe : x1;
      if (e > lastEnd) lastEnd = e;
      const col = Math.floor(x0);
      if (pend >= 0 && col === pendCol) {
        if (dur[i]! > dur[pend]!) pend = i;
        if (xb > pendX1) pendX1 = xb;
        pendMerged = true;
      } else {
        if (pend >= 0) emit(pend, pendX0, pendX1, pendMerged);
        pend = i;
        pendX0 = x0;
        pendCol = col;
        pendX1 = x0 + 1 > xb ? x0 + 1 : xb;
        pendMerged = merged;
      }
    }
    if (pos > lastPos) lastPos = pos;
    const nextB = Math.floor(e / B);
    b = nextB > b ? nextB : b + 1;
    pos = -1;
  }
  if (pend >= 0) emit(pend, pendX0, pendX1, pendMerged);
}

/**
 * The slice under time `time` in a lane, as drawn: a slice containing it if at least 1 px wide,
 * else the longest slice of the pixel column, else the nearest slice within `tolPx`. -1 if none.
 */
export function sliceAtTime(
  t: SliceTable,
  lane: DepthLane,
  scale: TimeScale,
  time: number,
  tolPx = 3,
): number {
  const { idx } = lane;
  const n = idx.length;
  if (n === 0) return -1;
  const { start, dur } = t;
  const k = scale.pxPerNs;
  const p = firstEndingAfter(t, lane, time);
  if (p < n) {
    const i = idx[p]!;
    if (start[i]! <= time && dur[i]! * k >= 1) return i;
  }
  // The pixel column under the cursor, as walkLane buckets it.
  const nsPerPx = scale.nsPerPx;
  const col = Math.floor(time * k);
  const lo = firstEndingAfter(t, lane, col * nsPerPx);
  const hi = firstStartingAtOrAfter(t, lane, (col + 1) * nsPerPx, lo, n);
  if (hi > lo) return idx[longestIn(t, lane, lo, hi)]!;
  // Nearest within tolerance, on either side.
  let best = -1;
  let bestDist = tolPx;
  for (const q of [lo - 1, lo]) {
    if (q < 0 || q >= n) continue;
    const i = idx[q]!;
    const x0 = (start[i]! - time) * k;
    const x1 = (start[i]! + dur[i]! - time) * k;
    const d = x0 > 0 ? x0 : x1 < 0 ? -x1 : 0;
    if (d <= bestDist) {
      best = i;
      bestDist = d;
    }
  }
  return best;
}
