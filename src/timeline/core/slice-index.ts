/**
 * The timeline's view of a SliceTable's per-depth lanes: the lane index (model/lane-index.ts,
 * normally built in the import worker and handed over with the model) joined with the lane's
 * level-of-detail pyramid (model/lod-pyramid.ts), memoized per table. A table that arrives
 * without them gets them built on first draw (within a frame's budget: draw-slice-rows.ts
 * tableReady) or by the idle warm-up.
 *
 * A table is sorted by start; within one depth the slices of a properly nested table never
 * overlap, so their ends are sorted too: a lane finds the first slice still visible at the
 * window start with a single bisect on end times (or on `endMax`, a running maximum of end, for
 * lanes whose ends are not monotonic). `longestIn` answers "which slice is the longest among
 * positions [lo, hi)?" from the lane's range-argmax (lanes of ≥ 64 slices).
 */
import {
  attachedLaneIndex,
  laneIndex,
  MIP_FAN as FAN,
  type LaneArrays,
  type TimeMip,
} from '../../model/lane-index';
import { attachedPyramid, lodPyramid, type LanePyramid } from '../../model/lod-pyramid';
import type { SliceTable } from '../../model/trace-model';

export { TIME_MIP_MIN, type TimeMip } from '../../model/lane-index';

export interface DepthLane extends LaneArrays {
  /** Level-of-detail pyramid (model/lod-pyramid.ts, built in the import worker); null if none. */
  pyramid: LanePyramid | null;
}

export interface SliceIndex {
  lanes: DepthLane[];
}

const cache = new WeakMap<SliceTable, SliceIndex>();

/** True when drawing the table builds nothing: its lanes are joined, or arrived built. */
export function isIndexed(t: SliceTable): boolean {
  return cache.has(t) || (attachedLaneIndex(t) !== undefined && attachedPyramid(t) !== undefined);
}

/**
 * Builds everything the renderer needs for a table up front (pyramid, lanes), so later frames
 * only read. Used within a per-frame time budget and by the idle warm-up.
 */
export function warmIndex(t: SliceTable): SliceIndex {
  return sliceIndex(t);
}

/** The depth lanes of a table (joined once per table; built if the table arrived without). */
export function sliceIndex(t: SliceTable): SliceIndex {
  let ix = cache.get(t);
  if (!ix) {
    const pyramid = lodPyramid(t);
    const lanes = laneIndex(t, pyramid).lanes.map((l, d): DepthLane => ({
      ...l,
      pyramid: pyramid.lanes[d] ?? null,
    }));
    ix = { lanes };
    cache.set(t, ix);
  }
  return ix;
}

/** First position in the lane whose slice ends after `t` (is still visible at t). */
export function firstEndingAfter(t: SliceTable, lane: DepthLane, time: number): number {
  const { idx, endMax } = lane;
  let lo = 0;
  let hi = idx.length;
  if (endMax) {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (endMax[mid]! <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  const { start, dur } = t;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const i = idx[mid]!;
    if (start[i]! + dur[i]! <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position in [lo, hi) whose slice starts at or after `time` (hi when none). */
export function firstStartingAtOrAfter(
  t: SliceTable,
  lane: DepthLane,
  time: number,
  lo: number,
  hi: number,
): number {
  const { idx } = lane;
  const { start } = t;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (start[idx[mid]!]! < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Position of the longest slice among lane positions [lo, hi) (the first one on ties). */
export function longestIn(t: SliceTable, lane: DepthLane, lo: number, hi: number): number {
  const { idx } = lane;
  const { dur } = t;
  let best = lo;
  let bestDur = dur[idx[lo]!]!;
  const mip = lane.mip;
  if (hi - lo <= FAN * 2 || !mip) {
    for (let p = lo + 1; p < hi; p++) {
      const d = dur[idx[p]!]!;
      if (d > bestDur) {
        best = p;
        bestDur = d;
      }
    }
    return best;
  }
  let p = lo;
  while (p < hi) {
    let size = 1;
    let level = -1;
    while (level + 1 < mip.length && p % (size * FAN) === 0 && p + size * FAN <= hi) {
      size *= FAN;
      level++;
    }
    const cand = level < 0 ? p : mip[level]![p / size]!;
    const d = dur[idx[cand]!]!;
    if (d > bestDur) {
      best = cand;
      bestDur = d;
    }
    p += size;
  }
  return best;
}

/** The lane's time mipmap (built with the lanes), or null for short lanes. */
export function timeMip(_t: SliceTable, lane: DepthLane): TimeMip | null {
  return lane.timeMip ?? null;
}
