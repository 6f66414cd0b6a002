/**
 * Walking a lane's level-of-detail pyramid (model/lod-pyramid.ts) at a zoom where a pixel
 * column covers at least one level-0 cell: the level whose cell B satisfies B ≤ ns per device
 * px < 2B, so each cell is at most a device pixel wide and a frame reads ≈ 1–2 cells per column.
 *
 * Per non-empty cell (one that some slice starts in): its longest slice, if at least 1 CSS px
 * wide, is drawn as itself (exact edges, label) and the cells it covers are skipped; a lane's
 * slices never overlap, so such a slice is the only one of its cell that can be that wide and
 * no wide slice is lost. Otherwise the cell is one narrow rect from the cell's start to its end
 * (or the longest slice's end), coloured as its longest slice.
 */
import type { LanePyramid, PyramidLevel } from '../../model/lod-pyramid';
import type { SliceTable } from '../../model/trace-model';
import type { LodEmit } from './lod';
import { firstEndingAfter, type DepthLane } from './slice-index';
import type { TimeScale } from './time-scale';

/** The level to read at `nsPerDevPx`, or null when the view is finer than level 0. */
export function pyramidLevel(
  p: LanePyramid,
  nsPerDevPx: number,
): { level: PyramidLevel; B: number } | null {
  if (!(nsPerDevPx >= p.base)) return null;
  const L = Math.min(p.levels.length - 1, Math.floor(Math.log2(nsPerDevPx / p.base)));
  return { level: p.levels[L]!, B: p.base * Math.pow(2, L) };
}

/** First and last cell (inclusive) to visit, starting with the slice visible at the window start. */
export function cellRange(
  t: SliceTable,
  lane: DepthLane,
  level: PyramidLevel,
  B: number,
  scale: TimeScale,
): [number, number] {
  const p = firstEndingAfter(t, lane, scale.start);
  if (p >= lane.idx.length) return [0, -1];
  const s = t.start[lane.idx[p]!]!;
  const from = s < scale.start ? s : scale.start;
  const c0 = Math.max(0, Math.floor(from / B) - level.first);
  const c1 = Math.min(level.count.length - 1, Math.floor(scale.end / B) - level.first);
  return [c0, c1];
}

/**
 * Emits the lane's rects from its pyramid (the generic path: collapsed-process summaries and
 * anything else that takes rects). Returns false, emitting nothing, when the view is finer
 * than the pyramid's level 0 (walk the slices instead).
 */
export function walkPyramid(
  t: SliceTable,
  lane: DepthLane,
  p: LanePyramid,
  scale: TimeScale,
  dpr: number,
  emit: LodEmit,
): boolean {
  const at = pyramidLevel(p, scale.nsPerPx / dpr);
  if (!at) return false;
  const { level, B } = at;
  const { count, longest, first } = level;
  const { start, dur } = t;
  const t0 = scale.start;
  const k = scale.pxPerNs;
  const [c0, c1] = cellRange(t, lane, level, B, scale);
  let lastEnd = -Infinity;
  // A narrow rect waits to see whether the next cell lands in the same pixel column (then one
  // rect stands for both, the longer slice's).
  let pend = -1;
  let pendX0 = 0;
  let pendX1 = 0;
  let pendCol = 0;
  let pendMerged = false;
  for (let c = c0; c <= c1; c++) {
    if (count[c] === 0) continue;
    const i = longest[c]!;
    const s = start[i]!;
    const e = s + dur[i]!;
    if (dur[i]! * k >= 1) {
      if (pend >= 0) emit(pend, pendX0, pendX1, pendMerged);
      pend = -1;
      emit(i, (s - t0) * k, (e - t0) * k, false);
      lastEnd = e;
      const ce = Math.floor(e / B) - first;
      if (ce > c) c = ce - 1;
      continue;
    }
    const cs = (first + c) * B;
    const x0 = ((cs > lastEnd ? cs : lastEnd) - t0) * k;
    const x1 = ((e > cs + B ? e : cs + B) - t0) * k;
    const col = Math.floor(x0);
    if (pend >= 0 && col === pendCol) {
      if (dur[i]! > dur[pend]!) pend = i;
      if (x1 > pendX1) pendX1 = x1;
      pendMerged = true;
    } else {
      if (pend >= 0) emit(pend, pendX0, pendX1, pendMerged);
      pend = i;
      pendX0 = x0;
      pendX1 = x1 > x0 + 1 ? x1 : x0 + 1;
      pendCol = col;
      pendMerged = count[c]! > 1;
    }
  }
  if (pend >= 0) emit(pend, pendX0, pendX1, pendMerged);
  return true;
}
