/**
 * Per-depth lanes of a slice table: what the timeline reads to draw and hit-test a track. Pure
 * and worker-safe: the import worker builds it with the level-of-detail pyramids
 * (lod-pyramid.ts: attachLodPyramids) and it travels to the page with the model (and into the
 * reopen cache), so the page's first frame builds nothing; a table that arrives without one
 * (older cache, a model built on the page) gets it on first draw (laneIndex).
 *
 * A table is sorted by start; within one depth the slices of a properly nested table never
 * overlap, so their ends are sorted too. That lets a lane find the first slice still visible at
 * the window start (one that STARTED before the window but extends into it) with a single bisect
 * on end times. Lanes whose ends are not monotonic (defensive: async packing, odd inputs) keep a
 * running maximum of end instead and bisect on that.
 *
 * For level of detail a lane also has:
 *  - a range-argmax of duration over its positions ("which slice is the longest among positions
 *    [lo, hi)?"): blocks of 16, 256, 4096… each remember their longest slice, so a query reads at
 *    most ~2·16 entries per level (lanes of ≥ 64 slices; shorter ones are scanned);
 *  - for long lanes without a pyramid, a time mipmap: for power-of-two time buckets (base,
 *    2·base, 4·base…, aligned to ns 0) the longest slice starting in each bucket.
 */
import type { TrackPyramid } from './lod-pyramid';
import type { SliceTable } from './trace-model';

/** Range-argmax fan-out. */
export const MIP_FAN = 16;
/** Lanes shorter than this get no time mipmap (walking them is cheap). */
export const TIME_MIP_MIN = 4096;

/** Longest slice per power-of-two time bucket, per level. */
export interface TimeMip {
  /** Level-0 bucket size, ns (a power of two). */
  base: number;
  /** levels[L][b]: lane position of the longest slice starting in bucket b of size base·2^L, -1 if none. */
  levels: Int32Array[];
}

export interface LaneArrays {
  /** Slice indices at this depth, in start order. */
  idx: Uint32Array;
  /** Running max of end time when ends are not monotonic; null in the normal case. */
  endMax: Float64Array | null;
  /** Range-argmax levels (positions into `idx`); null for lanes of < 64 slices (scanned). */
  mip: Uint32Array[] | null;
  /** Time mipmap; null when the lane is short, has a pyramid, or the table has negative times. */
  timeMip: TimeMip | null;
}

export interface LaneIndex {
  lanes: LaneArrays[];
}

/** Tables carry their lane index here once built (the worker's copy travels with the model). */
interface WithLanes {
  laneIndex?: LaneIndex;
}

/** The lane index the table arrived with (never builds). */
export function attachedLaneIndex(t: SliceTable): LaneIndex | undefined {
  return (t as SliceTable & WithLanes).laneIndex;
}

/** The table's lane index: the one it arrived with, or built now (once per table). */
export function laneIndex(t: SliceTable, pyramid: TrackPyramid | undefined): LaneIndex {
  const w = t as SliceTable & WithLanes;
  return (w.laneIndex ??= buildLaneIndex(t, pyramid));
}

/**
 * Builds the lanes in two sequential passes over the table (the table can hold millions of rows:
 * one pass per lane would stream it once per depth): counts, last start and end-monotonicity per
 * depth; then lane positions together with level 0 of each long lane's time mipmap; then each
 * long lane's range-argmax and time-mipmap levels.
 *
 * SELF-CONTAINED on purpose (no references outside its body; the constants are MIP_FAN and
 * TIME_MIP_MIN): the timeline benchmark serialises it to run in the page, as the import
 * worker would.
 */
export function buildLaneIndex(t: SliceTable, pyramid: TrackPyramid | undefined): LaneIndex {
  const FAN = 16;
  const MIN_MIP = 64;
  const MIN_TIME_MIP = 4096;
  /** Range-argmax levels: level L holds the longest position of each block of FAN^(L+1). */
  function rangeArgmax(idx: Uint32Array): Uint32Array[] {
    const levels: Uint32Array[] = [];
    let prev: Uint32Array | null = null;
    let len = idx.length;
    while (len > FAN) {
      const m = Math.ceil(len / FAN);
      const level = new Uint32Array(m);
      for (let b = 0; b < m; b++) {
        const lo = b * FAN;
        const hi = Math.min(lo + FAN, len);
        let best = prev ? prev[lo]! : lo;
        let bestDur = dur[idx[best]!]!;
        for (let k = lo + 1; k < hi; k++) {
          const cand = prev ? prev[k]! : k;
          const dk = dur[idx[cand]!]!;
          if (dk > bestDur) {
            best = cand;
            bestDur = dk;
          }
        }
        level[b] = best;
      }
      levels.push(level);
      prev = level;
      len = m;
    }
    return levels;
  }
  /** Coarser time-mipmap levels by pairs (the longer of two buckets; the earlier one on ties). */
  function timeLevels(base: number, level0: Int32Array, dur0: Float64Array): TimeMip {
    const levels = [level0];
    let prev = level0;
    let prevDur = dur0;
    let nb = level0.length;
    while (nb > 1) {
      const m = Math.ceil(nb / 2);
      const next = new Int32Array(m);
      const nextDur = new Float64Array(m);
      for (let b = 0; b < m; b++) {
        const a = 2 * b;
        const c = a + 1;
        if (c < nb && prevDur[c]! > prevDur[a]!) {
          next[b] = prev[c]!;
          nextDur[b] = prevDur[c]!;
        } else {
          next[b] = prev[a]!;
          nextDur[b] = prevDur[a]!;
        }
      }
      levels.push(next);
      prev = next;
      prevDur = nextDur;
      nb = m;
    }
    return { base, levels };
  }
  const rows = Math.max(t.rows, 0);
  const n = t.length;
  const { start, dur, depth } = t;
  const counts = new Uint32Array(rows + 1);
  const lastStart = new Float64Array(rows + 1);
  const prevEnd = new Float64Array(rows + 1).fill(-Infinity);
  const nonMonotonic = new Uint8Array(rows + 1);
  let negative = false;
  for (let i = 0; i < n; i++) {
    const d = depth[i]!;
    counts[d]!++;
    const s = start[i]!;
    const e = s + dur[i]!;
    lastStart[d] = s;
    if (e < prevEnd[d]!) nonMonotonic[d] = 1;
    prevEnd[d] = e;
    if (s < 0) negative = true;
  }
  const lanes: LaneArrays[] = [];
  const fill = new Uint32Array(rows + 1);
  // Level 0 of every long lane's time mipmap, flattened into one array (offset per depth, -1 for
  // short lanes): per bucket the longest slice's position and duration. Buckets are powers of
  // two, so start * (1 / base) is exact.
  const offset = new Float64Array(rows + 1).fill(-1);
  const inv = new Float64Array(rows + 1);
  const bases = new Float64Array(rows + 1);
  const sizes = new Uint32Array(rows + 1);
  let total = 0;
  for (let d = 0; d < rows; d++) {
    const c = counts[d]!;
    lanes.push({ idx: new Uint32Array(c), endMax: null, mip: null, timeMip: null });
    // Lanes with a pyramid need no time mipmap: zoomed out, they are drawn from the pyramid.
    if (c >= MIN_TIME_MIP && !negative && !pyramid?.lanes[d]) {
      // About one slice per level-0 bucket on average.
      const base = Math.pow(2, Math.max(0, Math.ceil(Math.log2(Math.max(1, lastStart[d]! / c)))));
      bases[d] = base;
      inv[d] = 1 / base;
      sizes[d] = Math.floor(lastStart[d]! / base) + 1;
      offset[d] = total;
      total += sizes[d]!;
    }
  }
  const best = new Int32Array(total).fill(-1);
  const bestDur = new Float64Array(total).fill(-1);
  for (let i = 0; i < n; i++) {
    const d = depth[i]!;
    const lane = lanes[d];
    if (!lane) continue;
    const p = fill[d]!++;
    lane.idx[p] = i;
    const o = offset[d]!;
    if (o >= 0) {
      const b = o + Math.floor(start[i]! * inv[d]!);
      const di = dur[i]!;
      if (di > bestDur[b]!) {
        bestDur[b] = di;
        best[b] = p;
      }
    }
  }
  for (let d = 0; d < rows; d++) {
    const lane = lanes[d]!;
    const o = offset[d]!;
    if (o >= 0) {
      const e = o + sizes[d]!;
      lane.timeMip = timeLevels(bases[d]!, best.slice(o, e), bestDur.subarray(o, e));
    }
    if (lane.idx.length >= MIN_MIP) lane.mip = rangeArgmax(lane.idx);
    if (!nonMonotonic[d]) continue;
    const { idx } = lane;
    const endMax = new Float64Array(idx.length);
    let m = -Infinity;
    for (let p = 0; p < idx.length; p++) {
      const i = idx[p]!;
      m = Math.max(m, start[i]! + dur[i]!);
      endMax[p] = m;
    }
    lane.endMax = endMax;
  }
  return { lanes };
}
